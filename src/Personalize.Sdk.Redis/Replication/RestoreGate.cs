namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// The line between what this server did before it merged the shared state (the reader's restore,
/// when Redis first answers) and after. Until then it holds this server's journal back and
/// remembers the erasures it accepted: the restore's snapshot then never holds this server's own
/// writes (it would have to be passed over), and it cannot bring back a person erased here meanwhile.
/// It remembers the consent statements it accepted too (the last per person), until the reader reads
/// each back from the journal: other servers' older consents the journal holds before it then
/// cannot undo it here (<see cref="Restatement"/>).
/// </summary>
/// <remarks>
/// The journal is held, and erasures and consents remembered, only from <see cref="Hold"/> (the
/// reader's start) until <see cref="Open"/> or <see cref="Release"/>: without a host the reader
/// never runs, the journal flows as it comes, and nothing is kept for a restore that will never
/// come. The consents remembered by then are let go as the reader reads them back, or at <see cref="Release"/>.
/// </remarks>
/// <param name="capacity">How many erased keys, and how many people's consents, it remembers; the write buffer holds no more erasures either.</param>
/// <param name="time">The clock erasures are timed by.</param>
internal sealed class RestoreGate(int capacity, TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<(string Key, DateTimeOffset ErasedAt, string? Owner)>? _erasures = [];
    private readonly Dictionary<string, PersonalizationEvent> _statements = new(StringComparer.Ordinal);
    private long _openedTicks;
    private int _overflow;
    private int _statementOverflow;
    private volatile int _statementCount;
    private volatile bool _held;
    private volatile bool _open;

    /// <summary>Raised once the journal may flow again.</summary>
    public event Action? Opened;

    /// <summary>Whether this server's journal may be sent to Redis now.</summary>
    public bool MayJournal => !_held || _open;

    /// <summary>Holds the journal back until <see cref="Open"/> or <see cref="Release"/>: the reader is about to restore.</summary>
    public void Hold() => _held = true;

    /// <summary>
    /// Notes an erasure this server made (its keys, its time), and lets go of the consents stated
    /// for those keys before it. True when it must be applied again
    /// now: it began before the restore ended, so the merge may have written the person back after it.
    /// </summary>
    public bool Erased(IReadOnlyList<string> keys, DateTimeOffset erasedAt)
    {
        lock (_gate)
        {
            // Stated before the erasure: applied again, a consent would write the person back.
            foreach (var key in keys)
            {
                _statements.Remove(key);
            }

            _statementCount = _statements.Count;
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
                    // Each key but the person's own (the first) was erased as one of theirs.
                    _erasures.Add((key, erasedAt, ErasedKeys.OwnerOf(key, keys)));
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
    /// Notes a consent statement this server accepted and queued for the journal, applied to
    /// <paramref name="profileKey"/> (with its time): kept, the last per person, only before the
    /// restore ends, while other servers' older consents may still be read after it.
    /// </summary>
    public void Stated(string profileKey, in PersonalizationEvent consent)
    {
        lock (_gate)
        {
            if (!_held || _open)
            {
                return;
            }

            if (_statements.Count < capacity || _statements.ContainsKey(profileKey))
            {
                _statements[profileKey] = consent;
                _statementCount = _statements.Count;
            }
            else
            {
                _statementOverflow++;
            }
        }
    }

    /// <summary>Whether any consent statement made before the restore is still to be read back: the reader looks at consents only then.</summary>
    public bool HoldsStatements => _statementCount > 0;

    /// <summary>
    /// This server's statement for <paramref name="profileKey"/>, made before the restore and not yet
    /// read back, to apply again over another server's consent read before it: on every other
    /// server the journal applies that one first, then this server's.
    /// </summary>
    public bool Restatement(string profileKey, out PersonalizationEvent consent)
    {
        lock (_gate)
        {
            return _statements.TryGetValue(profileKey, out consent);
        }
    }

    /// <summary>
    /// The reader read back this server's own consent for <paramref name="profileKey"/>, stated at
    /// <paramref name="statedAt"/>: once it is the remembered one (or later), other servers' consents
    /// read from here on follow it on every server alike, and the statement is let go.
    /// </summary>
    public void ReadBack(string profileKey, DateTimeOffset statedAt)
    {
        lock (_gate)
        {
            if (_statements.TryGetValue(profileKey, out var kept) && kept.Timestamp <= statedAt)
            {
                _statements.Remove(profileKey);
                _statementCount = _statements.Count;
            }
        }
    }

    /// <summary>
    /// Ends the restore: returns the erasures made before it, to apply again over the merged state,
    /// how many more it could not keep, how many people's consents it could not keep, and lets the journal flow.
    /// </summary>
    public (IReadOnlyList<(string Key, DateTimeOffset ErasedAt, string? Owner)> Erasures, int Overflow, int StatementOverflow) Open()
    {
        (IReadOnlyList<(string Key, DateTimeOffset ErasedAt, string? Owner)> Erasures, int Overflow, int StatementOverflow) result;
        lock (_gate)
        {
            result = (_erasures ?? [], _overflow, _statementOverflow);
            _erasures = null;
            _overflow = 0;
            _statementOverflow = 0;
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
            _statements.Clear();
            _statementCount = 0;
            _statementOverflow = 0;
        }

        Opened?.Invoke();
    }
}
