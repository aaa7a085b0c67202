using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Appends a journal record to the shared stream, trimmed (approximately) to the configured length.</summary>
internal sealed class JournalAppendCommand(RedisKey journal, int maxLength) : IRedisWriteCommand<JournalRecord>
{
    public const string PayloadField = "c";
    public const string BatchField = "b";
    public const string IndexField = "i";

    /// <remarks>
    /// A batch Redis did not acknowledge is resent whole, so an entry can reach the journal twice;
    /// the batch's sequence and the entry's place in it let readers pass over the second copy.
    /// </remarks>
    public void Append(IBatch batch, long sequence, int index, in JournalRecord operation, List<Task> acknowledgements) =>
        acknowledgements.Add(batch.StreamAddAsync(
            journal,
            [new NameValueEntry(PayloadField, operation.Payload), new NameValueEntry(BatchField, sequence), new NameValueEntry(IndexField, index)],
            maxLength: maxLength,
            useApproximateMaxLength: true));
}
