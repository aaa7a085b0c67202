namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>Sends a batch of buffered writes to the store; the buffer knows nothing of Redis.</summary>
/// <typeparam name="T">The write operation.</typeparam>
internal interface IWriteBatchSender<T>
{
    /// <summary>False while the store is known to be unreachable: the buffer keeps its writes and does not try.</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Sends every item of <paramref name="batch"/> (pipelined) and completes when all are acknowledged; throws if any is not.
    /// Reads the items before it returns: the buffer clears them once the send ends, even if by a timeout.
    /// </summary>
    Task SendAsync(WriteBatch<T> batch, CancellationToken cancellationToken);
}
