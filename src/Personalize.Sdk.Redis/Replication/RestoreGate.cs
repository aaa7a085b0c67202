namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// The line between what this server did before it merged the shared state (the reader's restore,
/// when Redis first answers) and after. Until then it holds this server's journal back and
/// remembers the erasures it accepted: the restore's snapshot then never holds this server's own
/// writes (it would have to be passed over), and it cannot bring back a person erased here meanwhile.
/// </summary>
/// <remarks>
/// The journal is held, and erasures remembered, only from <see cref="Hold"/> (the reader's start)
/// until <see cref="Open"/> or <see cref="Release"/>: without a host the reader never runs, the
/// journal flows as it comes, and no erased key is kept for a restore that will never come.
/// </remarks>
/// <param name="capacity">How many erased keys it remembers; the write buffer holds no more erasures either.</param>
/// <param name="time">The clock erasures are timed by.</param>
internal sealed class RestoreGate(int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<(string Key, DateTimeOffset ErasedAt)>? _erasures = [];
    private long _openedTicks;
    private int _overflow;
    private volatile bool _held;
    private volatile bool _open;

    /// <summary>Raised once the journal may flow again.</summary>
    public event Action? Opened;

    /// <summary>Whether this server's journal may be sent to Redis now.</summary>
    public bool MayJournal => !_held || _open;

    /// <summary>Holds the journal back until <see cref="Open"/> or <see cref="Release"/>: the reader is about to restore.</summary>
    public void Hold() => _held = true;

    /// <summary>
    /// Notes an erasure this server made (its keys, its time). True when it must be applied again
    /// now: it began before the restore ended, so the merge may have written the person back after it.
    /// </summary>
    public bool Erased(IReadOnlyList<string> keys, DateTimeOffset erasedAt)
    {
        lock (_gate)
        {
            if (_erasures is null)
            {
                return erasedAt.UtcTicks <= _openedTicks;
            }

            if (!_held)
            {
                // No restore is coming (the reader has not started, or has stopped): keep no key.
                return false;
            }

            foreach (var key in keys)
            {
                if (_erasures.Count < capacity)
                {
                    _erasures.Add((key, erasedAt));
                }
                else
                {
                    _overflow++;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Ends the restore: returns the erasures made before it, to apply again over the merged state,
    /// how many more it could not keep, and lets the journal flow.
    /// </summary>
    public (IReadOnlyList<(string Key, DateTimeOffset ErasedAt)> Erasures, int Overflow) Open()
    {
        (IReadOnlyList<(string Key, DateTimeOffset ErasedAt)> Erasures, int Overflow) result;
        lock (_gate)
        {
            result = (_erasures ?? [], _overflow);
            _erasures = null;
            _overflow = 0;
            _openedTicks = time.GetUtcNow().UtcTicks;
            _open = true;
        }

        Opened?.Invoke();
        return result;
    }

    /// <summary>Lets the journal flow without a restore: the host is stopping, and its writes must reach Redis.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _held = false;
            _erasures = null;
            _overflow = 0;
        }

        Opened?.Invoke();
    }
}
