using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>
/// Flushes the write-behind buffers when the container disposes it, while the host's own
/// multiplexer is still open. The SDK resolves this right after that multiplexer, in the background
/// and so after the buffers: a container disposes in reverse order of creation, so without it the
/// multiplexer went first (a bare provider disposed, or a host disposed without a stop) and every
/// buffered write was lost.
/// </summary>
internal sealed class HostMultiplexerFlush(RedisWriteBehind writeBehind) : IAsyncDisposable, IDisposable
{
    public ValueTask DisposeAsync() => writeBehind.DisposeAsync();

    public void Dispose() => writeBehind.Dispose();
}
