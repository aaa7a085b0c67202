using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Personalize.Sdk.Redis.Diagnostics;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// Records one of the Redis package's counters (or histograms: <see cref="Values"/>) from every meter of that name, whichever
/// <see cref="IMeterFactory"/> made it: a host's meters are scoped to its factory, and a host that
/// counts while it starts cannot be given a collector before it exists.
/// </summary>
internal sealed class InstrumentRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _measurements = new();
    private readonly ConcurrentQueue<double> _values = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InstrumentRecorder(string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == RedisMetrics.MeterName && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            _measurements.Enqueue(tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value));
            _first.TrySetResult();
        });
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            _values.Enqueue(value);
            _measurements.Enqueue(tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value));
            _first.TrySetResult();
        });
        _listener.Start();
    }

    /// <summary>Completes when the first measurement is recorded.</summary>
    public Task FirstMeasurement => _first.Task;

    /// <summary>The tags of every measurement recorded so far.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Measurements => [.. _measurements];

    /// <summary>The values of every floating-point measurement (a histogram's) recorded so far.</summary>
    public IReadOnlyList<double> Values => [.. _values];

    public void Dispose() => _listener.Dispose();
}
