using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Appends a journal record to the shared stream, trimmed (approximately) to the configured length.</summary>
internal sealed class JournalAppendCommand(RedisKey journal, int maxLength) : IRedisWriteCommand<JournalRecord>
{
    public const string PayloadField = "c";

    public void Append(IBatch batch, long sequence, in JournalRecord operation, List<Task> acknowledgements) =>
        acknowledgements.Add(batch.StreamAddAsync(journal, PayloadField, operation.Payload, maxLength: maxLength, useApproximateMaxLength: true));
}
