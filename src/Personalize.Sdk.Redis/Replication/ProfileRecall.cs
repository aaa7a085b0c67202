using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Threading;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Fetches back the records (<see cref="PersonRecords"/>) of people this server holds no profile
/// for, when they show up: one pipelined round trip for a batch of people (a second one for keys
/// stitched to them), in the background, so a decision never waits for it. The journal's reader
/// (<see cref="ReplicaPump"/>) adds what was fetched to the profiles between journal reads, passing
/// over what the profile got while the fetch was in flight and what the reader has yet to apply.
/// </summary>
internal sealed class ProfileRecall(
    RedisConnection connection,
    PersonRecords records,
    Guid self,
    TimeProvider time,
    RedisMetrics metrics,
    ILogger logger) : BackgroundService, IProfileRecall
{
    /// <summary>At most this many people wait to be recalled; past it they are dropped and counted.</summary>
    public const int MaxWaiting = 10_000;

    private const int BatchSize = 256;
    private const int MaxEmptyRemembered = 100_000;

    /// <summary>How long a person Redis had nothing of is not looked up again (an anonymous visitor's every page view would be).</summary>
    private static readonly TimeSpan EmptyMemory = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RecallState> _states = new(StringComparer.Ordinal);
    // The recalls waiting to be fetched, oldest first. A released one stays until the loop passes it,
    // without its key (RecallState.Release), so the queue holds no erased person's key and stays bounded.
    private readonly ConcurrentQueue<RecallState> _waiting = new();
    private readonly ConcurrentQueue<Fetched> _fetched = new();
    // People Redis had nothing of, each until a minute after their recall began: a timer forgets
    // them then, so a first-time visitor's key is held no longer than that.
    private readonly ExpiringKeys<string> _empty = new(time, MaxEmptyRemembered, StringComparer.Ordinal);
    private readonly WakeSignal _wake = new();
    // How many recalls are in flight, kept beside the dictionary: its Count and IsEmpty take every
    // one of its locks, and NoteLocal runs on every Track.
    private int _pending;
    private int _queued;

    // Set while the fetch loop runs: before (and, without a host, for good) a full queue drops
    // people silently, since nobody fetches to report a drop to.
    private int _running;
    private long _nextDropLog;
    private long _nextFailureLog;
    private long _nextUnreadableLog;

    /// <summary>Raised when fetched records wait to be added (<see cref="ApplyFetched"/>): the reader wakes on it.</summary>
    public event Action? RecordsFetched;

    /// <summary>Raised after recalls ended, added to profiles or failed (for tests and probes).</summary>
    internal event Action? RecallsEnded;

    /// <summary>While set, fetches wait for it to complete (for tests: to land events while a recall is in flight).</summary>
    internal Task? FetchesHeldUntil { get; set; }

    /// <summary>How many people are being recalled now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>How many recalls wait in the queue to be fetched, released ones included (for tests).</summary>
    internal int Queued => Volatile.Read(ref _queued);

    /// <summary>The keys of the recalls waiting in the queue; null for a released one (for tests).</summary>
    internal IEnumerable<string?> QueuedKeys => _waiting.Select(static state => state.Key);

    public void Missing(string profileKey, bool linked = false) => Request(profileKey, pastTheLimit: linked);

    /// <summary>
    /// Queues a recall of <paramref name="profileKey"/> unless one is in flight or Redis had nothing
    /// of them a moment ago. A decision's recall past <see cref="MaxWaiting"/> is dropped and counted;
    /// a data-access request's, and a key a recall linked to its person (<paramref name="pastTheLimit"/>),
    /// is queued all the same: rare, or bounded by the person's aliases, and off the decision path; an
    /// access request must not report a person, or one of their keys, as holding nothing because others wait.
    /// </summary>
    private void Request(string profileKey, bool pastTheLimit)
    {
        // Redis having had nothing of a key a minute ago spares an anonymous visitor's every page a
        // lookup; a key a recall links to its person (it signed in elsewhere since) or an access
        // request asks again.
        if (_states.ContainsKey(profileKey) || (!pastTheLimit && _empty.Contains(profileKey)))
        {
            return;
        }

        if (!pastTheLimit && (Volatile.Read(ref _pending) >= MaxWaiting || Volatile.Read(ref _queued) >= MaxWaiting))
        {
            if (Volatile.Read(ref _running) == 0)
            {
                // No loop fetches yet (none ever, without a host): nothing to report as dropped.
                return;
            }

            metrics.Recalled("dropped");
            var now = time.GetTimestamp();
            var next = Interlocked.Read(ref _nextDropLog);
            if (now >= next && Interlocked.CompareExchange(ref _nextDropLog, now + (long)(LogInterval.TotalSeconds * time.TimestampFrequency), next) == next)
            {
                RedisLog.RecallsDropped(logger);
            }

            return;
        }

        var state = new RecallState(time.GetTimestamp(), profileKey, time.GetUtcNow().UtcTicks);
        if (_states.TryAdd(profileKey, state))
        {
            Interlocked.Increment(ref _pending);
            Interlocked.Increment(ref _queued);
            _waiting.Enqueue(state);
            _wake.Set();
        }
    }

    public void Released(string profileKey)
    {
        // Removed, so the person is fetched afresh when next found missing.
        if (_states.TryRemove(profileKey, out var state))
        {
            Interlocked.Decrement(ref _pending);
            state.Release();
        }

        _empty.Remove(profileKey);
    }

    public Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _running) == 0)
        {
            // No loop fetches (no host started it, or it stopped): nothing would end the wait.
            return Task.CompletedTask;
        }

        if (missing)
        {
            Request(profileKey, pastTheLimit: true);
        }

        return _states.TryGetValue(profileKey, out var state) ? state.Ended().WaitAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>This server applied its own change <paramref name="number"/> to <paramref name="profileKey"/>'s profile.</summary>
    public void NoteLocal(string profileKey, long number)
    {
        if (Volatile.Read(ref _pending) > 0 && _states.TryGetValue(profileKey, out var state))
        {
            state.NoteLocal(number);
        }
    }

    /// <summary>The reader applied a journal entry to <paramref name="replica"/>; if it reached the profile of someone being recalled, notes it.</summary>
    public void NoteApplied(ReadOnlyMemory<byte> payload, Guid origin, long batch, long index, IReplica replica)
    {
        if (Volatile.Read(ref _pending) > 0 && JournalCodec.ProfileKeyOf(payload) is { } key && _states.TryGetValue(key, out var state) && replica.HoldsProfile(key))
        {
            state.NoteRemote(origin, batch, index);
        }
    }

    /// <summary>
    /// Adds the fetched records to their profiles. Called by the journal's reader between reads, so
    /// <paramref name="applied"/> (the journal writes it has applied) stands still meanwhile: a
    /// record it has yet to apply is left to it.
    /// </summary>
    public void ApplyFetched(IReplica replica, JournalPositions applied)
    {
        if (_fetched.IsEmpty)
        {
            return;
        }

        while (_fetched.TryDequeue(out var fetched))
        {
            if (!_states.TryGetValue(fetched.Key, out var state) || !ReferenceEquals(state, fetched.State))
            {
                // Released while in flight: not served here any more, or fetched again since.
                continue;
            }

            try
            {
                var history = fetched.History;
                if (history.StitchedTo is { } person && !string.Equals(person, fetched.Key, StringComparison.Ordinal))
                {
                    // A key stitched to a person this server let go (a guest cookie coming back):
                    // linked again, which recalls the person; its own records follow into their
                    // profile. A link this server made meanwhile to someone else yields to it.
                    replica.ApplyStoredLink(fetched.Key, person);
                }

                var events = RecalledRecords.Select(history, state, applied, self, metrics, LogUnreadable);
                if (events.Count > 0 || history.Aliases.Length > 0)
                {
                    replica.ApplyRecalled(fetched.Key, history.Aliases, events, history.StitchedTo, state.RequestedUtcTicks);
                }
                else if (history.IsEmpty)
                {
                    RememberEmpty(fetched.Key, state);
                }

                metrics.Recalled(history.IsEmpty ? "empty" : "found");
            }
            catch (Exception exception)
            {
                // A fault here must not stop the reader, nor leave the person never recalled again.
                metrics.Recalled("failed");
                LogFailure(exception);
            }
            finally
            {
                // Removed only now: until the profile exists, the person is not looked up twice.
                Remove(fetched.Key, state);
            }

            metrics.RecallTook(time.GetElapsedTime(state.RequestedAt).TotalSeconds);
        }

        RecallsEnded?.Invoke();
    }

    /// <summary>
    /// Forgets every recall in flight: a snapshot was just merged, and it may hold what they fetched
    /// (the people they were for are fetched again if still missing when next needed).
    /// </summary>
    public void Reset()
    {
        foreach (var (key, state) in _states)
        {
            Remove(key, state);
            state.Release();
        }

        _fetched.Clear();
        RecallsEnded?.Invoke();
    }

    /// <summary>Ends the recall <paramref name="state"/> of <paramref name="key"/>, unless a newer one replaced it.</summary>
    private void Remove(string key, RecallState state)
    {
        if (_states.TryRemove(new KeyValuePair<string, RecallState>(key, state)))
        {
            Interlocked.Decrement(ref _pending);
        }

        state.End();
    }

    /// <summary>Logs a failure at most once a minute.</summary>
    private void LogFailure(Exception exception)
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextFailureLog);
        if (now >= next && Interlocked.CompareExchange(ref _nextFailureLog, now + (long)(LogInterval.TotalSeconds * time.TimestampFrequency), next) == next)
        {
            RedisLog.RecallFailed(logger, RedisFailure.Describe(exception));
        }
    }

    /// <summary>Logs a record that cannot be read at most once a minute.</summary>
    private void LogUnreadable(Exception exception)
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextUnreadableLog);
        if (now >= next && Interlocked.CompareExchange(ref _nextUnreadableLog, now + (long)(LogInterval.TotalSeconds * time.TimestampFrequency), next) == next)
        {
            RedisLog.RecordUnreadable(logger, RedisFailure.Describe(exception));
        }
    }

    private void RememberEmpty(string key, RecallState state) =>
        _empty.Set(key, state.RequestedAt + (long)(EmptyMemory.TotalSeconds * time.TimestampFrequency));

    /// <summary>The keys of people Redis had nothing of, still remembered as such (for tests).</summary>
    internal IEnumerable<string> RememberedEmpty => _empty.Keys;

    /// <summary>Starts the fetch loop with the host; from here on a person dropped from a full queue is counted and logged.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _running, 1);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Off the host's start: the loop's first wait happens on a pool thread.
            await Task.Yield();
            await FetchWhileRunningAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);

            // Nothing fetches any more: a data-access request waiting for a recall goes on with what is held.
            foreach (var state in _states.Values)
            {
                state.End();
            }
        }
    }

    private async Task FetchWhileRunningAsync(CancellationToken stoppingToken)
    {
        var keys = new List<(string Key, RecallState State)>(BatchSize);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_waiting.IsEmpty)
                {
                    await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                if (!connection.IsConnected)
                {
                    await connection.WhenConnectedAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            keys.Clear();
            while (keys.Count < BatchSize && _waiting.TryDequeue(out var state))
            {
                // One released meanwhile (evicted, erased, or reset by a restore) is not fetched.
                Interlocked.Decrement(ref _queued);
                if (state.Key is { } key && _states.TryGetValue(key, out var current) && ReferenceEquals(current, state))
                {
                    keys.Add((key, state));
                }
            }

            if (FetchesHeldUntil is { } held)
            {
                await held.ConfigureAwait(false);
            }

            if (keys.Count > 0 && connection.Database is { } database)
            {
                await FetchAsync(database, keys).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Fetches what Redis holds of each person in one pipelined round trip, and hands it to the reader.</summary>
    private async Task FetchAsync(IDatabase database, List<(string Key, RecallState State)> keys)
    {
        PersonHistory[] histories;
        try
        {
            histories = await records.FetchAsync(database, [.. keys.Select(static key => key.Key)]).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Any fault (Redis away or too slow, the connection closing) ends only this fetch:
            // the people are looked up again when next found missing, and the host runs on.
            foreach (var (key, state) in keys)
            {
                Remove(key, state);
            }

            metrics.Recalled("failed", keys.Count);
            LogFailure(exception);

            RecallsEnded?.Invoke();
            return;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            _fetched.Enqueue(new Fetched(keys[i].Key, keys[i].State, histories[i]));
        }

        RecordsFetched?.Invoke();
    }

    public override void Dispose()
    {
        _empty.Dispose();
        base.Dispose();
    }

    private sealed record Fetched(string Key, RecallState State, PersonHistory History);
}
