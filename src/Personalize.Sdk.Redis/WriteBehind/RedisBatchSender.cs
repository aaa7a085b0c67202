using Personalize.Sdk.Redis.Connection;

namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>Sends a buffer's batch as one pipelined StackExchange.Redis batch: one round trip, whatever its size.</summary>
/// <typeparam name="T">The write operation.</typeparam>
internal sealed class RedisBatchSender<T>(RedisConnection connection, IRedisWriteCommand<T> command) : IWriteBatchSender<T>
{
    // Reused: the buffer never sends two batches at once.
    private readonly List<Task> _acknowledgements = [];

    public bool IsAvailable => connection.IsConnected;

    public Task SendAsync(WriteBatch<T> batch, CancellationToken cancellationToken)
    {
        var database = connection.Database ?? throw new InvalidOperationException("Not connected to Redis yet.");
        var redisBatch = database.CreateBatch();
        _acknowledgements.Clear();
        var items = batch.Items.Span;
        for (var index = 0; index < items.Length; index++)
        {
            command.Append(redisBatch, batch.Sequence, index, in items[index], _acknowledgements);
        }

        command.Complete(redisBatch);
        redisBatch.Execute();
        return Task.WhenAll(_acknowledgements);
    }
}
