using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// A slow network link in front of a redis-server: a loopback proxy that forwards each direction
/// at no more than a set rate, so a transfer takes a known time whatever the machine's speed.
/// </summary>
public sealed class ThrottledLink : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly int _target;
    private readonly double _bytesPerSecond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;

    private ThrottledLink(int target, double bytesPerSecond)
    {
        _target = target;
        _bytesPerSecond = bytesPerSecond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>A StackExchange.Redis configuration string for the far server, through this link.</summary>
    public string Configuration => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Opens a link to <paramref name="redis"/> carrying at most <paramref name="bytesPerSecond"/> each way.</summary>
    public static ThrottledLink To(RedisServer redis, double bytesPerSecond) => new(redis.Port, bytesPerSecond);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stopping.Token);
                var outbound = new TcpClient();
                lock (_clients)
                {
                    _clients.Add(inbound);
                    _clients.Add(outbound);
                }

                await outbound.ConnectAsync(IPAddress.Loopback, _target, _stopping.Token);
                _ = PumpAsync(inbound.GetStream(), outbound.GetStream());
                _ = PumpAsync(outbound.GetStream(), inbound.GetStream());
            }
        }
        catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The link closes with the test.
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[BufferSize];
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        try
        {
            while (await from.ReadAsync(buffer, _stopping.Token) is var read and > 0)
            {
                // Ahead of the rate: wait until the link would have carried what was sent so far.
                var due = TimeSpan.FromSeconds(sent / _bytesPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _stopping.Token);
                }
                else if (due < TimeSpan.FromMilliseconds(-100))
                {
                    // Idle a while: no credit for it, or the next burst would pass unthrottled.
                    started = Stopwatch.GetTimestamp();
                    sent = 0;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
                sent += read;
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The link closes with the test.
        }
    }
}
