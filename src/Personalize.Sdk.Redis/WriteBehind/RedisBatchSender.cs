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
        foreach (ref readonly var operation in batch.Items.Span)
        {
            command.Append(redisBatch, batch.Sequence, in operation, _acknowledgements);
        }

        redisBatch.Execute();
        return Task.WhenAll(_acknowledgements);
    }
}
