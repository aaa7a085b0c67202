using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Threading;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Reads the shared journal from where this server left off and applies what other servers
/// changed to this server's memory. At start it merges the newest snapshot and reads the journal
/// after it (from the beginning when there is none), so a restarted server comes back with
/// everything. Runs in the background: decisions and <c>Track</c> never wait for it.
/// </summary>
/// <remarks>
/// It reads as soon as another server announces an append on the journal's pub/sub channel, and
/// otherwise every poll interval: pub/sub delivers at most once, so the poll catches what an
/// announcement lost while the connection was down.
/// </remarks>
internal sealed class ReplicaPump(
    RedisConnection connection,
    RedisKey journal,
    RedisChannel appended,
    Guid self,
    Func<IReplica> replica,
    RedisSnapshotStore snapshots,
    TimeSpan pollInterval,
    TimeProvider time,
    RedisMetrics metrics,
    ILogger logger,
    RestoreGate restore,
    ProfileRecall? recall = null) : IHostedService, IAsyncDisposable, IDisposable
{
    private const int BatchSize = 512;
    private static readonly TimeSpan SubscriptionRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RedisValue _position = "0-0";
    private Task? _loop;
    private readonly StopOnce _stop = new();
    private IReplica? _replica;
    private JournalPositions _positions = new();
    private long _entriesRead;
    private bool _restored;
    private volatile bool _checkGap;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private readonly WakeSignal _appended = new();
    private ISubscriber? _subscriber;
    private long _nextSubscription;
    private readonly LogThrottle _unreadableLog = new(LogInterval);
    private readonly LogThrottle _loopFailureLog = new(LogInterval);
    private readonly LogThrottle _readFailureLog = new(LogInterval);

    /// <summary>Completes once the journal has been read to its end for the first time.</summary>
    public Task CaughtUp => _caughtUp.Task;

    /// <summary>Raised after each read that found entries, once they are applied (for tests and probes).</summary>
    internal event Action? EntriesApplied;

    /// <summary>How many journal entries this server has read since it started, its own included.</summary>
    public long EntriesRead => Interlocked.Read(ref _entriesRead);

    /// <summary>The id of the last journal entry applied.</summary>
    public string Position => _position.ToString();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved once, at start: the container may be disposing by the time the loop stops.
        _replica = replica();

        // This server's journal waits for the restore, so the snapshot it merges never holds its writes.
        restore.Hold();

        // However the loop was waiting while Redis was away, it reads at once, and that read checks
        // what it missed: a read that timed out during the outage does not leave it waiting a poll.
        connection.OnRestored(() =>
        {
            _checkGap = true;
            _appended.Set();
        });
        if (recall is not null)
        {
            recall.RecordsFetched += _appended.Set;
        }

        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stop.RunAsync(StopCoreAsync, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _reading.Dispose();
    }

    /// <summary>For containers disposed synchronously (a console app's <c>using var provider</c>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Reads and applies one batch; the number of entries read (0 when the journal is read to its end or Redis is away).</summary>
    internal async Task<int> PumpOnceAsync()
    {
        // One reader at a time: the position and the duplicate check follow the journal in order.
        await _reading.WaitAsync().ConfigureAwait(false);
        try
        {
            return await ReadAndApplyAsync().ConfigureAwait(false);
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<int> ReadAndApplyAsync()
    {
        if (connection.Database is not { } database || !connection.IsConnected)
        {
            return 0;
        }

        var target = _replica ??= replica();
        if (!_restored)
        {
            await RestoreAsync(database, target).ConfigureAwait(false);
            _checkGap = true;
        }

        if (_checkGap)
        {
            _checkGap = false;
            try
            {
                await CheckGapAsync(database).ConfigureAwait(false);
            }
            catch
            {
                _checkGap = true;
                throw;
            }
        }

        // Between reads, the journal positions stand still: recalled records are judged against them.
        recall?.ApplyFetched(target, _positions);
        var entries = await database.StreamReadAsync(journal, _position, BatchSize).ConfigureAwait(false);
        var applied = 0;
        foreach (var entry in entries)
        {
            try
            {
                var outcome = JournalEntryApplier.Apply(entry, _positions, self, target);
                if (outcome is JournalEntryOutcome.Applied or JournalEntryOutcome.Own && restore.HoldsStatements)
                {
                    Restate(entry, outcome == JournalEntryOutcome.Own, target);
                }

                if (outcome is JournalEntryOutcome.Applied or JournalEntryOutcome.Own && recall is { Pending: > 0 })
                {
                    NoteRecalled(entry, target);
                }

                if (outcome == JournalEntryOutcome.Applied)
                {
                    applied++;
                }
                else if (outcome == JournalEntryOutcome.Duplicate)
                {
                    metrics.JournalDuplicate();
                }
                else if (outcome == JournalEntryOutcome.Unreadable)
                {
                    // Of another format, an unknown kind, or holding an impossible value (an arm, a reward).
                    metrics.JournalEntrySkipped();
                    if (_unreadableLog.ShouldLog(time.GetUtcNow().UtcTicks))
                    {
                        RedisLog.JournalEntryUnreadable(logger, "not of this format, or a value no server writes");
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A corrupt or foreign entry must not stop replication, whatever its reading
                // throws (a bad length prefix is a FormatException, a bad decimal an IOException):
                // skip it, count it.
                metrics.JournalEntrySkipped();
                if (_unreadableLog.ShouldLog(time.GetUtcNow().UtcTicks))
                {
                    RedisLog.JournalEntryUnreadable(logger, RedisFailure.Describe(exception));
                }
            }

            _position = entry.Id;
        }

        Interlocked.Add(ref _entriesRead, entries.Length);
        metrics.JournalApplied(applied);
        if (entries.Length > 0)
        {
            EntriesApplied?.Invoke();
        }

        return entries.Length;
    }

    /// <summary>
    /// Before the first read: merges the newest snapshot into this server's memory and moves the
    /// read position to the snapshot's, so the journal after it is all that is left to read, then
    /// applies again the erasures this server made before (<see cref="EndRestore"/>); the consents
    /// it accepted before are kept in force as the journal is read (<see cref="Restate"/>). This server's
    /// journal waits for it (<see cref="RestoreGate"/>), so a snapshot holds none of its changes
    /// however often the restore is retried; one that does (they reached Redis before this reader
    /// started) is passed over: merging it would apply them twice.
    /// </summary>
    /// <exception cref="RedisException">Redis failed; the restore is tried again on the next read.</exception>
    private async Task RestoreAsync(IDatabase database, IReplica target)
    {
        if (target is not IStateSnapshot state)
        {
            _restored = true;
            EndRestore(target);
            return;
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (await snapshots.ReadManifestAsync(database).ConfigureAwait(false) is not { } manifest)
                {
                    break;
                }

                var positions = JournalPositions.FromBytes(manifest.Origins);
                if (positions.Contains(self))
                {
                    RedisLog.SnapshotHoldsOwnChanges(logger);
                    break;
                }

                ReadOnlySequence<byte> bytes;
                try
                {
                    bytes = await snapshots.ReadStateAsync(database, manifest).ConfigureAwait(false);
                }
                catch (InvalidDataException) when (attempt == 0)
                {
                    // Replaced and retired while it was being read: read the newer one.
                    continue;
                }

                var counts = state.MergeState(bytes);
                recall?.Reset();
                _positions = positions;
                _position = manifest.Position.ToString();
                metrics.SnapshotRestored();
                RedisLog.SnapshotRestored(logger, manifest.Position.ToString(), counts.Profiles, counts.Items, counts.MeasuredUnits);
                break;
            }
        }
        catch (Exception exception) when (exception is not (RedisException or TimeoutException or OperationCanceledException))
        {
            // An unreadable snapshot (corrupt, or one this version cannot read) must not stop
            // replication: the journal still holds what it holds. Redis failing is retried instead.
            metrics.SnapshotUnreadable();
            RedisLog.SnapshotUnreadable(logger, RedisFailure.Describe(exception));
        }

        _restored = true;
        EndRestore(target);
    }

    /// <summary>
    /// Lets this server's journal go, and erases again the people it erased before the restore: the
    /// snapshot may have brought them back, and, once the erasure is renewed here, other servers'
    /// events from before it that the journal still holds are passed over however long Redis was away.
    /// </summary>
    /// <remarks>
    /// The consents it accepted before need nothing here (the profile's stated consent wins the
    /// merge), but they are kept until read back from the journal: see <see cref="Restate"/>.
    /// </remarks>
    private void EndRestore(IReplica target)
    {
        var (erasures, overflow, statementOverflow) = restore.Open();
        foreach (var (key, erasedAt, owner) in erasures)
        {
            // As one of its person's keys: a key the merged snapshot links to someone else is left with them.
            target.ApplyForget(key, erasedAt, owner);
        }

        if (overflow > 0)
        {
            RedisLog.ErasuresNotReapplied(logger, overflow);
        }

        if (statementOverflow > 0)
        {
            RedisLog.ConsentsNotKept(logger, statementOverflow);
        }
    }

    /// <summary>
    /// Keeps a consent this server accepted before its restore in force over other servers' consents
    /// for the person that the journal holds before it (older, or held back by the outage too): each
    /// is applied, then this server's statement again, so this server ends where every other server
    /// does, which reads the two in the journal's order. Reading the statement back ends that: what
    /// follows it in the journal follows it everywhere.
    /// </summary>
    private void Restate(StreamEntry entry, bool own, IReplica target)
    {
        var payload = (byte[])entry[JournalAppendCommand.PayloadField]!;
        if (!JournalCodec.TryReadProfileEvent(payload, out _, out var profileKey, out var consent) || consent.Kind != EventKind.Consent)
        {
            return;
        }

        if (own)
        {
            restore.ReadBack(profileKey, consent.Timestamp!.Value);
        }
        else if (restore.Restatement(profileKey, out var statement))
        {
            target.ApplyEvent(profileKey, statement);
        }
    }

    /// <summary>Tells the recall that an entry reached a profile being recalled, so the fetched copy of it is passed over.</summary>
    private void NoteRecalled(StreamEntry entry, IReplica target)
    {
        var payload = (byte[])entry[JournalAppendCommand.PayloadField]!;
        if (JournalCodec.OriginOf(payload) is { } origin)
        {
            recall!.NoteApplied(payload, origin, (long)entry[JournalAppendCommand.BatchField], (long)entry[JournalAppendCommand.IndexField], target);
        }
    }

    /// <summary>
    /// After a start or a reconnection: says so when the journal was trimmed past what this server
    /// read, so it missed changes: behind a snapshot (the manifest's trimmed-to position), or by its
    /// length cap with no snapshot restored that holds what went (<see cref="TrimmedByLengthCapAsync"/>).
    /// </summary>
    private async Task CheckGapAsync(IDatabase database)
    {
        StreamId trimmedTo;
        try
        {
            trimmedTo = await snapshots.ReadTrimmedToAsync(database).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            trimmedTo = StreamId.Start;
        }

        var position = StreamId.Parse(_position.ToString());
        if (position < trimmedTo)
        {
            metrics.JournalGap();
            RedisLog.JournalTrimmedPastPosition(logger);
        }
        else if (await TrimmedByLengthCapAsync(database, position).ConfigureAwait(false))
        {
            metrics.JournalGap();
            RedisLog.JournalTrimmedByLengthCap(logger);
        }
    }

    /// <summary>
    /// Whether entries after <paramref name="position"/> left the journal unread. Trimming removes the
    /// oldest entries only (the SDK deletes none), and the position is an entry this server read or
    /// the restored snapshot's (kept by the snapshot's trim), so a first entry past it means the
    /// trim reached it: counted as a gap, though the trim may have stopped just after it. From the
    /// start (nothing read, no snapshot), any entry ever removed was missed (Redis 7's entries-added).
    /// </summary>
    private async Task<bool> TrimmedByLengthCapAsync(IDatabase database, StreamId position)
    {
        StreamInfo info;
        try
        {
            info = await database.StreamInfoAsync(journal).ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            // No journal yet, or XINFO refused (an ACL, a Redis-like server without it): nothing to tell.
            return false;
        }

        if (info.FirstEntry.IsNull || StreamId.Parse(info.FirstEntry.Id.ToString()) <= position)
        {
            return false;
        }

        return position > StreamId.Start || info.EntriesAdded > info.Length;
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);

        // No restore follows: what this server journaled must still reach Redis at the stop's flush.
        restore.Release();
        if (_loop is not null)
        {
            // Ends after the read in flight, which ends on its own (StackExchange.Redis times it out).
            await _loop.ConfigureAwait(false);
        }

        if (_subscriber is { } subscriber && connection.IsConnected)
        {
            try
            {
                await subscriber.UnsubscribeAsync(appended, OnAppended).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
            {
                // The connection is closing with the host (or the host disposed its multiplexer
                // already, once its own time to stop ran out); the subscription goes with it.
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            if (!connection.IsConnected)
            {
                try
                {
                    // Away: nothing to read until the connection is back.
                    await connection.WhenConnectedAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            int read;
            try
            {
                await SubscribeAsync().ConfigureAwait(false);
                read = await PumpOnceAsync().ConfigureAwait(false);
                if (read < BatchSize && connection.IsConnected)
                {
                    _caughtUp.TrySetResult();
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                read = 0;
                metrics.JournalReadFailed();
                if (_readFailureLog.ShouldLog(time.GetUtcNow().UtcTicks))
                {
                    RedisLog.JournalReadFailed(logger, RedisFailure.Describe(exception));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Whatever else went wrong, the reader must not die silently (it would only
                // resurface at StopAsync): say so, wait a poll interval, and read again.
                read = 0;
                if (_loopFailureLog.ShouldLog(time.GetUtcNow().UtcTicks))
                {
                    RedisLog.JournalReaderFailed(logger, RedisFailure.Describe(exception));
                }
            }

            if (read == 0)
            {
                try
                {
                    await _appended.WaitAsync(pollInterval, time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Subscribes to other servers' announcements, once: StackExchange.Redis subscribes again by
    /// itself after a reconnection. A server that refuses (pub/sub disabled, or an ACL without
    /// channels) leaves this server polling, and it tries again a minute later.
    /// </summary>
    private async Task SubscribeAsync()
    {
        if (_subscriber is not null || connection.Multiplexer is not { } multiplexer || time.GetTimestamp() < _nextSubscription)
        {
            return;
        }

        try
        {
            var subscriber = multiplexer.GetSubscriber();
            await subscriber.SubscribeAsync(appended, OnAppended).ConfigureAwait(false);
            _subscriber = subscriber;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _nextSubscription = time.GetTimestamp() + (long)(SubscriptionRetry.TotalSeconds * time.TimestampFrequency);
            RedisLog.AnnouncementsUnavailable(logger, pollInterval, RedisFailure.Describe(exception));
        }
    }

    private void OnAppended(RedisChannel channel, RedisValue announcement)
    {
        if (!JournalAppendCommand.IsFrom(announcement, self))
        {
            _appended.Set();
        }
    }
}
