namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// For each server that wrote to the journal, the last write applied here, named by its batch's
/// sequence and its place in the batch. A server's batches reach the journal in order, and a
/// failed one is resent whole before the next, so a write at or before that position is a copy.
/// </summary>
internal sealed class JournalPositions
{
    private readonly Dictionary<Guid, (long Batch, long Index)> _last = [];

    /// <summary>Records the write and says whether it is new; false for a copy of one applied already.</summary>
    public bool Advance(Guid origin, long batch, long index)
    {
        if (_last.TryGetValue(origin, out var last) && (batch < last.Batch || (batch == last.Batch && index <= last.Index)))
        {
            return false;
        }

        _last[origin] = (batch, index);
        return true;
    }
}
