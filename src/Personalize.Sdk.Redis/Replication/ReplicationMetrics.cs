using System.Diagnostics.Metrics;
using Personalize.Sdk.Redis.Diagnostics;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Replication's instruments, on the package's meter.</summary>
internal sealed class ReplicationMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _duplicates;

    public ReplicationMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(RedisMetrics.MeterName) ?? new Meter(RedisMetrics.MeterName);
        _applied = _meter.CreateCounter<long>("personalize.redis.journal.applied", "{entry}", "Journal entries read by this server (its own are passed over: it applied them when they happened).");
        _duplicates = _meter.CreateCounter<long>("personalize.redis.journal.duplicates", "{entry}", "Second copies of journal entries (a batch resent after a failure) passed over.");
        _skipped = _meter.CreateCounter<long>("personalize.redis.journal.skipped", "{entry}", "Journal entries this server could not read (corrupt, or from a newer format), skipped.");
    }

    public void Applied(int count) => _applied.Add(count);

    public void Skipped() => _skipped.Add(1);

    public void Duplicate() => _duplicates.Add(1);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
