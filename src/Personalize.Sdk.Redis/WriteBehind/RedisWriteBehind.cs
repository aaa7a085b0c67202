using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;

namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>
/// Makes the write-behind buffers the shared state needs, wired to the connection (they flush as
/// soon as it comes back), and keeps them so that a graceful stop flushes every one.
/// </summary>
internal sealed class RedisWriteBehind(
    RedisConnection connection,
    IOptions<RedisPersonalizationOptions> options,
    TimeProvider time,
    RedisMetrics metrics,
    ILoggerFactory loggerFactory) : IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private IWriteBehindBuffer[] _buffers = [];

    public IReadOnlyList<IWriteBehindBuffer> Buffers => Volatile.Read(ref _buffers);

    /// <summary>
    /// A buffer named <paramref name="name"/> (its metric tag) whose writes <paramref name="command"/>
    /// turns into Redis commands, sent while connected and <paramref name="ready"/> (wake the buffer when it turns true).
    /// </summary>
    public WriteBehindBuffer<T> Create<T>(string name, IRedisWriteCommand<T> command, Func<bool>? ready = null)
    {
        var buffer = new WriteBehindBuffer<T>(
            name,
            new RedisBatchSender<T>(connection, command, ready),
            WriteBehindSettings.From(options.Value),
            time,
            metrics,
            RedisLoggers.Create(loggerFactory, "Personalize.Sdk.Redis.WriteBehind"));
        connection.OnRestored(buffer.Wake);
        lock (_gate)
        {
            _buffers = [.. _buffers, buffer];
        }

        return buffer;
    }

    /// <summary>Stops every buffer, flushing them side by side.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Buffers.Select(buffer => buffer.StopAsync(cancellationToken)));

    /// <summary>Without a host (a console app), disposing the container is the graceful stop: it flushes too.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();
}
