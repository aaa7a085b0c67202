using Personalize.Sdk.Redis.Connection;

namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>Sends a buffer's batch as one pipelined StackExchange.Redis batch: one round trip, whatever its size.</summary>
/// <typeparam name="T">The write operation.</typeparam>
/// <param name="connection">The connection.</param>
/// <param name="command">Turns a write into commands.</param>
/// <param name="ready">False while the writes must wait though Redis answers; null: they never wait for more than the connection.</param>
internal sealed class RedisBatchSender<T>(RedisConnection connection, IRedisWriteCommand<T> command, Func<bool>? ready = null) : IWriteBatchSender<T>
{
    // Reused: the buffer never sends two batches at once.
    private readonly List<Task> _acknowledgements = [];

    public bool IsAvailable => connection.IsConnected && (ready?.Invoke() ?? true);

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
