using System.Diagnostics.Metrics;

namespace Personalize.Sdk.Redis.Diagnostics;

/// <summary>The Redis package's instruments, on a <see cref="Meter"/> named <c>Personalize.Sdk.Redis</c>. Tags never carry user keys.</summary>
internal sealed class RedisMetrics : IDisposable
{
    public const string MeterName = "Personalize.Sdk.Redis";

    /// <summary>A pipelined batch on a LAN takes about a millisecond; the default buckets start at 5 ms.</summary>
    private static readonly double[] DurationBuckets = [0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _connectionFailures;
    private readonly Counter<long> _connectionRestorations;
    private readonly Counter<long> _writesFlushed;
    private readonly Counter<long> _writesDropped;
    private readonly Counter<long> _flushFailures;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _journalApplied;
    private readonly Counter<long> _journalSkipped;
    private readonly Counter<long> _journalDuplicates;
    private readonly Counter<long> _learningExchanges;
    private readonly Counter<long> _learningSkipped;
    private readonly Counter<long> _snapshots;
    private readonly Histogram<long> _snapshotBytes;
    private readonly Histogram<double> _snapshotDuration;
    private readonly Counter<long> _journalGaps;
    private readonly Counter<long> _journalReadFailures;
    private readonly Counter<long> _recalls;
    private readonly Histogram<double> _recallDuration;
    private readonly Lock _gate = new();
    private Func<bool>? _isConnected;
    private (string Name, Func<int> Count)[] _buffers = [];

    public RedisMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _connectionFailures = _meter.CreateCounter<long>("personalize.redis.connection.failures", "{failure}", "Failed connections to Redis, by phase: start (unreachable when the host started) or running.");
        _connectionRestorations = _meter.CreateCounter<long>("personalize.redis.connection.restorations", "{restoration}", "Connections to Redis restored after a failure.");
        _writesFlushed = _meter.CreateCounter<long>("personalize.redis.writes.flushed", "{write}", "Writes acknowledged by Redis, by buffer.");
        _writesDropped = _meter.CreateCounter<long>("personalize.redis.writes.dropped", "{write}", "Writes given up without Redis acknowledging them, by buffer and reason: full (past MaxBufferedWrites, never sent) or stopped (not acknowledged when ShutdownFlushTimeout or the host's time to stop ran out; those of a batch still in flight may have reached Redis).");
        _flushFailures = _meter.CreateCounter<long>("personalize.redis.flush.failures", "{batch}", "Batches of writes Redis did not acknowledge, by buffer; they stay buffered and are retried.");
        _flushDuration = _meter.CreateHistogram(
            "personalize.redis.flush.duration",
            "s",
            "How long one pipelined batch of writes took, acknowledged or not, by buffer.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _journalApplied = _meter.CreateCounter<long>("personalize.redis.journal.applied", "{entry}", "Other servers' journal entries this server applied (its own, second copies and unreadable entries are not counted).");
        _journalSkipped = _meter.CreateCounter<long>("personalize.redis.journal.skipped", "{entry}", "Journal entries this server could not read (corrupt, from a newer format, or holding a value no server writes), skipped; and people's records a recall could not read (their other records are recalled).");
        _journalDuplicates = _meter.CreateCounter<long>("personalize.redis.journal.duplicates", "{entry}", "Second copies of journal entries (a batch resent after a failure) passed over.");
        _learningExchanges = _meter.CreateCounter<long>("personalize.redis.learning.exchanges", "{exchange}", "Learner statistics shared with the other servers, one exchange per learning placement at every learner update, by outcome: shared, or failed (Redis away or too slow; the learner keeps what it had).");
        _learningSkipped = _meter.CreateCounter<long>("personalize.redis.learning.skipped", "{field}", "Other servers' learner statistics (fields of the shared learning hash) that hold no model's statistics (a number that is not finite, a negative count or sum of squares), left out of the sum at an exchange.");
        _snapshots = _meter.CreateCounter<long>("personalize.redis.snapshots", "{snapshot}", "Snapshots of the shared state, by outcome: written (by this server), restored (merged at start), failed (writing one failed before it was published; the previous one stays the newest) or unreadable (one, or its manifest, could not be read, at start or by the writer; the journal was read instead).");
        _snapshotBytes = _meter.CreateHistogram<long>("personalize.redis.snapshot.size", "By", "The size of each snapshot this server wrote.");
        _snapshotDuration = _meter.CreateHistogram<double>("personalize.redis.snapshot.duration", "s", "How long writing one snapshot took: reading the previous one, replaying the journal after it, writing the new one.");
        _journalReadFailures = _meter.CreateCounter<long>("personalize.redis.journal.read_failures", "{failure}", "Reads of the shared journal (or of the snapshot restored before it) that failed; the reader tries again after ReplicationPollInterval, or as soon as the connection is back.");
        _journalGaps = _meter.CreateCounter<long>("personalize.redis.journal.gaps", "{gap}", "Times this server found, at start or after a reconnection, the journal trimmed past what it had read (behind a snapshot while it was away, or by JournalMaxLength with no snapshot holding what went), so it missed changes.");
        _recalls = _meter.CreateCounter<long>("personalize.redis.recalls", "{person}", "People this server held no profile for and looked up in Redis, by outcome: found (their records were added to their profile), empty (Redis had nothing of them), dropped (more than the recall queue holds were waiting) or failed (Redis away or too slow; they are looked up again when next needed).");
        _recallDuration = _meter.CreateHistogram(
            "personalize.redis.recall.duration",
            "s",
            "How long one recall took, from the person being found missing to their records being in their profile (one pipelined round trip for a person without stitched keys).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _meter.CreateObservableGauge("personalize.redis.connected", ObserveConnected, "{connection}", "1 while connected to Redis, else 0.");
        _meter.CreateObservableUpDownCounter("personalize.redis.writes.buffered", ObserveBuffered, "{write}", "Writes waiting in memory for Redis, by buffer.");
    }

    public void JournalApplied(int count) => _journalApplied.Add(count);

    public void JournalEntrySkipped() => _journalSkipped.Add(1);

    public void JournalDuplicate() => _journalDuplicates.Add(1);

    public void SnapshotWritten(long bytes, double seconds)
    {
        _snapshots.Add(1, new KeyValuePair<string, object?>("outcome", "written"));
        _snapshotBytes.Record(bytes);
        _snapshotDuration.Record(seconds);
    }

    public void SnapshotRestored() => _snapshots.Add(1, new KeyValuePair<string, object?>("outcome", "restored"));

    public void SnapshotFailed() => _snapshots.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public void SnapshotUnreadable() => _snapshots.Add(1, new KeyValuePair<string, object?>("outcome", "unreadable"));

    public void JournalGap() => _journalGaps.Add(1);

    public void JournalReadFailed() => _journalReadFailures.Add(1);

    public void Recalled(string outcome, int count = 1) => _recalls.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecallTook(double seconds) => _recallDuration.Record(seconds);

    public void LearningExchanged(bool failed) =>
        _learningExchanges.Add(1, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "shared"));

    public void LearningFieldSkipped() => _learningSkipped.Add(1);

    public void ConnectionFailed(bool atStart) =>
        _connectionFailures.Add(1, new KeyValuePair<string, object?>("phase", atStart ? "start" : "running"));

    public void ConnectionRestored() => _connectionRestorations.Add(1);

    public void WritesFlushed(string buffer, int count, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("buffer", buffer);
        _writesFlushed.Add(count, tag);
        _flushDuration.Record(seconds, tag);
    }

    public void FlushFailed(string buffer, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("buffer", buffer);
        _flushFailures.Add(1, tag);
        _flushDuration.Record(seconds, tag);
    }

    public void WritesDropped(string buffer, int count, bool atStop) =>
        _writesDropped.Add(count, new KeyValuePair<string, object?>("buffer", buffer), new KeyValuePair<string, object?>("reason", atStop ? "stopped" : "full"));

    public void ObserveConnection(Func<bool> isConnected) => _isConnected = isConnected;

    public void ObserveBuffer(string name, Func<int> count)
    {
        lock (_gate)
        {
            _buffers = [.. _buffers, (name, count)];
        }
    }

    /// <summary>Stops observing a stopped buffer, so the meter does not keep it alive.</summary>
    public void ForgetBuffer(Func<int> count)
    {
        lock (_gate)
        {
            _buffers = [.. _buffers.Where(b => b.Count != count)];
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private int ObserveConnected() => _isConnected?.Invoke() == true ? 1 : 0;

    private IEnumerable<Measurement<int>> ObserveBuffered()
    {
        foreach (var (name, count) in Volatile.Read(ref _buffers))
        {
            yield return new Measurement<int>(count(), new KeyValuePair<string, object?>("buffer", name));
        }
    }
}
