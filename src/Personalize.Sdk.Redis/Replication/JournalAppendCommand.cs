using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Appends a journal record to the shared stream, trimmed (approximately) to the configured length,
/// after writing what it changes in its person's own keys: so, on a single Redis, whoever reads the
/// entry in the journal finds it in the person's records too (on a cluster the two are on different
/// shards, and the order is not guaranteed).
/// </summary>
internal sealed class JournalAppendCommand(RedisKey journal, int maxLength, RedisChannel appended, Guid origin, PersonRecords persons) : IRedisWriteCommand<JournalRecord>
{
    // The announcement names its sender, so that a server passes over its own.
    private readonly RedisValue _announcement = origin.ToByteArray();

    // The highest batch sequence sent so far, and whether the batch being appended was sent before:
    // the buffer sends one batch at a time, and resends a failed one whole before the next.
    private long _highestSent = -1;
    private bool _resending;

    public const string PayloadField = "c";
    public const string BatchField = "b";
    public const string IndexField = "i";

    /// <remarks>
    /// A batch Redis did not acknowledge is resent whole, so an entry can reach the journal twice;
    /// the batch's sequence and the entry's place in it let readers pass over the second copy.
    /// </remarks>
    public void Append(IBatch batch, long sequence, int index, in JournalRecord operation, List<Task> acknowledgements)
    {
        if (index == 0)
        {
            _resending = sequence <= _highestSent;
            _highestSent = Math.Max(_highestSent, sequence);
        }

        if (operation.Person.Kind != PersonWriteKind.None)
        {
            // A resent batch may have been stored already (its reply lost, or Redis slow): the person's records keep one copy.
            persons.Append(batch, origin, sequence, index, _resending, operation, acknowledgements);
        }

        if (operation.Payload is { } payload)
        {
            acknowledgements.Add(batch.StreamAddAsync(
                journal,
                [new NameValueEntry(PayloadField, payload), new NameValueEntry(BatchField, sequence), new NameValueEntry(IndexField, index)],
                maxLength: maxLength,
                useApproximateMaxLength: true));
        }
    }

    /// <summary>Announces the batch on the journal's channel, fire and forget: a lost announcement only delays readers until their next poll.</summary>
    public void Complete(IBatch batch) => batch.PublishAsync(appended, _announcement, CommandFlags.FireAndForget);

    /// <summary>Whether <paramref name="announcement"/> came from the server <paramref name="origin"/>.</summary>
    public static bool IsFrom(RedisValue announcement, Guid origin)
    {
        Span<byte> id = stackalloc byte[16];
        return announcement.HasValue && origin.TryWriteBytes(id) && ((ReadOnlyMemory<byte>)announcement).Span.SequenceEqual(id);
    }
}
