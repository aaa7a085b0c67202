namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// The line between what this server did before it merged the shared state (the reader's restore,
/// when Redis first answers) and after. Until then it remembers the erasures it accepted, so the
/// restore cannot bring back a person erased here meanwhile.
/// </summary>
/// <param name="capacity">How many erased keys it remembers; the write buffer holds no more erasures either.</param>
/// <param name="time">The clock erasures are timed by.</param>
internal sealed class RestoreGate(int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<(string Key, DateTimeOffset ErasedAt)>? _erasures = [];
    private long _openedTicks;
    private int _overflow;

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
    /// and how many more it could not keep.
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
        }

        return result;
    }
}
