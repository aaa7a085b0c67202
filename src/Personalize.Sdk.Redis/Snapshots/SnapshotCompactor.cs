using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Threading;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// Folds the journal into snapshots, so that a restart recovers everything, however long the
/// journal: one server at a time (a Redis lock) merges the newest snapshot into a shadow state,
/// replays the journal entries after it in journal order, writes the result as the new snapshot,
/// and trims the journal behind the snapshot before it.
/// </summary>
/// <remarks>
/// <para>
/// The shadow is a separate state fed only by the journal, never this server's memory: the live
/// state applies this server's own changes before they reach the journal, so no cut of it lines up
/// with a journal position. The shadow does, exactly, so a server that merges the snapshot and
/// then reads the journal after its position applies every change once.
/// </para>
/// <para>
/// It runs every <see cref="RedisPersonalizationOptions.SnapshotInterval"/>, and sooner when a
/// quarter of <see cref="RedisPersonalizationOptions.JournalMaxLength"/> has been journaled since
/// the last one, so the journal's own length cap never trims what no snapshot holds yet. It runs in
/// the background: decisions and <c>Track</c> never wait for it. While it runs, the compacting server
/// holds a second copy of the state in memory.
/// </para>
/// </remarks>
internal sealed class SnapshotCompactor : IHostedService, IAsyncDisposable, IDisposable
{
    private const int BatchSize = 512;
    private static readonly TimeSpan LockLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly RedisConnection _connection;
    private readonly RedisSnapshotStore _store;
    private readonly ReplicaPump _pump;
    private readonly Func<IProfileRecall?, Personalizer> _createShadow;
    private readonly PersonRecords? _records;
    private readonly RedisValue _lockToken;
    private readonly TimeSpan _interval;
    private readonly long _entriesPerSnapshot;
    private readonly TimeProvider _time;
    private readonly RedisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly WakeSignal _due = new();
    private readonly SemaphoreSlim _compacting = new(1, 1);
    private long _entriesAtLastAttempt;
    private Task? _loop;
    private readonly StopOnce _stop = new();
    private readonly LogThrottle _retireFailureLog = new(LogInterval);
    private readonly LogThrottle _trimFailureLog = new(LogInterval);
    private readonly LogThrottle _releaseFailureLog = new(LogInterval);

    /// <param name="connection">The connection.</param>
    /// <param name="store">Where snapshots are kept.</param>
    /// <param name="pump">This server's journal reader: how much has been journaled since the last snapshot.</param>
    /// <param name="createShadow">Builds an empty state beside the live one, recalling people through the given recall.</param>
    /// <param name="origin">This server's id, the lock's token.</param>
    /// <param name="interval">How often; zero never (the journal alone, up to its length).</param>
    /// <param name="journalMaxLength">The journal's length cap.</param>
    /// <param name="time">The clock.</param>
    /// <param name="metrics">Counts snapshots written and failed.</param>
    /// <param name="logger">Says what was written or why not.</param>
    /// <param name="records">People's records, for the shadow to recall those its replay does not hold; null: it does not.</param>
    public SnapshotCompactor(
        RedisConnection connection,
        RedisSnapshotStore store,
        ReplicaPump pump,
        Func<IProfileRecall?, Personalizer> createShadow,
        Guid origin,
        TimeSpan interval,
        int journalMaxLength,
        TimeProvider time,
        RedisMetrics metrics,
        ILogger logger,
        PersonRecords? records = null)
    {
        _records = records;
        _connection = connection;
        _store = store;
        _pump = pump;
        _createShadow = createShadow;
        _lockToken = origin.ToString("N");
        _interval = interval;
        _entriesPerSnapshot = Math.Max(1, journalMaxLength / 4);
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Raised after each attempt the background loop made, with its outcome (for tests and probes).</summary>
    internal event Action<SnapshotOutcome>? Attempted;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_interval > TimeSpan.Zero)
        {
            _pump.EntriesApplied += OnEntriesRead;
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stop.RunAsync(StopCoreAsync, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _compacting.Dispose();
    }

    /// <summary>For containers disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Writes a snapshot now, unless another server is writing one or nothing changed since the last.</summary>
    /// <param name="onlyIfStale">Leave it when the newest snapshot (any server's) is younger than nine tenths of the interval: the timer's case, so N servers write one snapshot an interval, not N.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <exception cref="RedisException">Redis failed mid-way, before the publish; the previous snapshot stays the newest. Failures after it (retiring the replaced snapshot, trimming the journal, releasing the lock) are logged, and the snapshot counts as written.</exception>
    internal async Task<SnapshotOutcome> CompactOnceAsync(bool onlyIfStale = false, CancellationToken cancellationToken = default)
    {
        await _compacting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _entriesAtLastAttempt = _pump.EntriesRead;
            if (_connection.Database is not { } database || !_connection.IsConnected)
            {
                return SnapshotOutcome.Unavailable;
            }

            if (!await database.LockTakeAsync(_store.Keys.SnapshotLock, _lockToken, LockLifetime).ConfigureAwait(false))
            {
                return SnapshotOutcome.Busy;
            }

            try
            {
                return await CompactAsync(database, onlyIfStale, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ReleaseLockAsync(database).ConfigureAwait(false);
            }
        }
        finally
        {
            _compacting.Release();
        }
    }

    private async Task<SnapshotOutcome> CompactAsync(IDatabase database, bool onlyIfStale, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        SnapshotManifest? previous = null;
        ManifestRemains? unreadable = null;
        InvalidDataException? unreadableBecause = null;
        try
        {
            previous = await _store.ReadManifestAsync(database).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            // A manifest this version cannot read (corrupt, or another version's): left as it is, it
            // would stop every snapshot from now on. The snapshot is rebuilt from what the journal
            // holds, as for an unreadable snapshot (StartFromAsync), and replaces it.
            unreadable = await _store.ReadRemainsAsync(database).ConfigureAwait(false);
            unreadableBecause = exception;
        }

        if (previous is not null)
        {
            // The replaced snapshot the last writer could not retire (a cluster's separate commands,
            // Redis lost or the writer dead after the switch) is retired now, whatever follows.
            await _store.RetireReplacedAsync(database, previous).ConfigureAwait(false);
        }

        if (onlyIfStale && previous is not null && _time.GetUtcNow().UtcTicks - previous.CreatedTicks < _interval.Ticks * 9 / 10)
        {
            return SnapshotOutcome.UpToDate;
        }

        var last = await database.StreamRangeAsync(_store.Keys.Journal, count: 1, messageOrder: Order.Descending).ConfigureAwait(false);
        var newest = previous?.Position ?? unreadable?.Position;
        if (last.Length == 0 || (newest is { } held && StreamId.Parse(last[0].Id.ToString()) <= held))
        {
            return SnapshotOutcome.UpToDate;
        }

        if (unreadableBecause is not null)
        {
            _metrics.SnapshotUnreadable();
            RedisLog.SnapshotUnreadable(_logger, RedisFailure.Describe(unreadableBecause));
        }

        var end = StreamId.Parse(last[0].Id.ToString());
        var recall = _records is null ? null : new ShadowRecall(_records, _metrics);
        var (shadow, positions, position) = await StartFromAsync(database, previous, recall).ConfigureAwait(false);
        using var owned = shadow;

        // Every entry is the shadow's to apply: it wrote none of them.
        var skipped = 0;
        while (position < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = await database.StreamReadAsync(_store.Keys.Journal, position.ToString(), BatchSize).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                break;
            }

            foreach (var entry in entries)
            {
                skipped += Apply(entry, positions, shadow, recall) ? 0 : 1;
                position = StreamId.Parse(entry.Id.ToString());
            }

            // People this page brought back after the shadow (or the snapshot before it) let them
            // go: their history up to here comes from their records, so the snapshot holds them whole.
            if (recall is not null)
            {
                await recall.ApplyAsync(database, shadow, positions).ConfigureAwait(false);
            }
        }

        var chunks = new ChunkWriter();
        var counts = ((IStateSnapshot)shadow).WriteState(chunks);
        var trimmedTo = previous?.Position ?? StreamId.Start;
        var written = chunks.Chunks;
        var replaced = previous?.Stored ?? unreadable?.Chunks;
        var manifest = new SnapshotManifest(Guid.NewGuid().ToString("N"), position, written.Count, chunks.Length, positions.ToBytes(), _time.GetUtcNow().UtcTicks, trimmedTo, replaced);
        if (!await _store.PublishAsync(database, manifest, written).ConfigureAwait(false))
        {
            return SnapshotOutcome.Busy;
        }

        // Published: the snapshot is the newest and counts as written, whatever fails from here on.
        var seconds = _time.GetElapsedTime(started).TotalSeconds;
        _metrics.SnapshotWritten(chunks.Length, seconds);
        RedisLog.SnapshotWritten(_logger, position.ToString(), counts.Profiles, counts.Items, counts.MeasuredUnits, chunks.Length, seconds);
        if (skipped > 0)
        {
            RedisLog.SnapshotSkippedEntries(_logger, skipped);
        }

        await RetireAndTrimAsync(database, manifest, previous is null ? null : trimmedTo).ConfigureAwait(false);
        return SnapshotOutcome.Written;
    }

    /// <summary>
    /// After a publish: lets the replaced snapshot's chunks expire (where the publish did not) and
    /// trims the journal to <paramref name="trimTo"/> (null: not at all). Each failure is logged,
    /// not thrown: the snapshot stands, the next attempt (on any server) retires the replaced one
    /// again, and the next snapshot trims further.
    /// </summary>
    private async Task RetireAndTrimAsync(IDatabase database, SnapshotManifest manifest, StreamId? trimTo)
    {
        try
        {
            await _store.RetireReplacedAsync(database, manifest).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (_retireFailureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
            {
                RedisLog.SnapshotRetireFailed(_logger, RedisFailure.Describe(exception));
            }
        }

        if (trimTo is not { } minId)
        {
            return;
        }

        try
        {
            // One snapshot of slack: a server still reading the journal after the previous one (a
            // restart from it, a reader that was away) finds every entry it needs.
            await database.StreamTrimByMinIdAsync(_store.Keys.Journal, minId.ToString()).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (_trimFailureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
            {
                RedisLog.SnapshotTrimFailed(_logger, RedisFailure.Describe(exception));
            }
        }
    }

    /// <summary>Releases the snapshot lock; a failure is logged, not thrown (it would hide the attempt's outcome), and the lock expires.</summary>
    private async Task ReleaseLockAsync(IDatabase database)
    {
        try
        {
            await database.LockReleaseAsync(_store.Keys.SnapshotLock, _lockToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (_releaseFailureLog.ShouldLog(_time.GetUtcNow().UtcTicks))
            {
                RedisLog.SnapshotLockReleaseFailed(_logger, RedisFailure.Describe(exception));
            }
        }
    }

    /// <summary>A new shadow with the previous snapshot merged, and where its reading of the journal starts.</summary>
    private async Task<(Personalizer Shadow, JournalPositions Positions, StreamId Position)> StartFromAsync(IDatabase database, SnapshotManifest? previous, ShadowRecall? recall)
    {
        var shadow = _createShadow(recall);
        if (previous is null)
        {
            return (shadow, new JournalPositions(), StreamId.Start);
        }

        try
        {
            ((IStateSnapshot)shadow).MergeState(await _store.ReadStateAsync(database, previous).ConfigureAwait(false));
            return (shadow, JournalPositions.FromBytes(previous.Origins), previous.Position);
        }
        catch (Exception exception) when (exception is not (RedisException or TimeoutException or OperationCanceledException))
        {
            // Left as it is, it would stop every snapshot from now on: start again, in a new shadow,
            // from what the journal still holds, and say what is lost.
            shadow.Dispose();
            _metrics.SnapshotUnreadable();
            RedisLog.SnapshotUnreadable(_logger, RedisFailure.Describe(exception));
            return (_createShadow(recall), new JournalPositions(), StreamId.Start);
        }
        catch
        {
            shadow.Dispose();
            throw;
        }
    }

    private static bool Apply(StreamEntry entry, JournalPositions positions, Personalizer shadow, ShadowRecall? recall)
    {
        try
        {
            var outcome = JournalEntryApplier.Apply(entry, positions, Guid.Empty, shadow);
            if (outcome == JournalEntryOutcome.Applied && recall is { HasPending: true })
            {
                recall.NoteApplied(entry, shadow);
            }

            return outcome != JournalEntryOutcome.Unreadable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The same entries the readers skip, whatever their reading throws: counted by them,
            // summed up here. Thrown on, one entry would stop every snapshot and the journal's trim.
            return false;
        }
    }

    private async Task StopCoreAsync()
    {
        _pump.EntriesApplied -= OnEntriesRead;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            // A snapshot still being written ends first, or is left unfinished (the previous one
            // stays the newest) by a caller whose time to stop ran out.
            await _loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Woken by the journal's growth, it writes at once; on the timer, only when no server wrote one lately.
                var grown = await _due.WaitAsync(_interval, _time, stopping).ConfigureAwait(false);
                await _connection.WhenConnectedAsync(stopping).ConfigureAwait(false);
                // Awaited apart: a null-conditional call would not evaluate its argument with nobody listening.
                var outcome = await CompactOnceAsync(onlyIfStale: !grown, stopping).ConfigureAwait(false);
                Attempted?.Invoke(outcome);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever went wrong, the loop goes on: the previous snapshot stays the newest.
                _metrics.SnapshotFailed();
                RedisLog.SnapshotFailed(_logger, RedisFailure.Describe(exception));
            }
        }
    }

    private void OnEntriesRead()
    {
        if (_pump.EntriesRead - Volatile.Read(ref _entriesAtLastAttempt) >= _entriesPerSnapshot)
        {
            _due.Set();
        }
    }
}
