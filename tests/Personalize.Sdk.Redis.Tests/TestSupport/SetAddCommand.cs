using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>Each write adds its number to one Redis set: idempotent, so a resent batch cannot inflate the count, and SCARD tells what arrived.</summary>
internal sealed class SetAddCommand(RedisKey key) : IRedisWriteCommand<int>
{
    public void Append(IBatch batch, long sequence, int index, in int operation, List<Task> acknowledgements) =>
        acknowledgements.Add(batch.SetAddAsync(key, operation));
}
