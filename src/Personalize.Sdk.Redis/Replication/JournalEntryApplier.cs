using Personalize.Sdk.Engine;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Applies one journal entry read from the stream to a replica, passing over second copies: the
/// one way entries are applied, by a server's reader and by the snapshot compactor alike.
/// </summary>
internal static class JournalEntryApplier
{
    /// <summary>Applies <paramref name="entry"/> to <paramref name="target"/> unless <paramref name="self"/> wrote it or it is a copy.</summary>
    /// <exception cref="InvalidDataException">The entry is corrupt past its header.</exception>
    /// <exception cref="EndOfStreamException">The entry is truncated.</exception>
    public static JournalEntryOutcome Apply(StreamEntry entry, JournalPositions positions, Guid self, IReplica target)
    {
        var payload = entry[JournalAppendCommand.PayloadField];
        var bytes = payload.IsNull ? [] : (byte[])payload!;
        if (JournalCodec.OriginOf(bytes) is not { } origin)
        {
            return JournalEntryOutcome.Unreadable;
        }

        if (!positions.Advance(origin, (long)entry[JournalAppendCommand.BatchField], (long)entry[JournalAppendCommand.IndexField]))
        {
            return JournalEntryOutcome.Duplicate;
        }

        if (origin == self)
        {
            return JournalEntryOutcome.Own;
        }

        return JournalCodec.Apply(bytes, self, target) ? JournalEntryOutcome.Applied : JournalEntryOutcome.Unreadable;
    }
}
