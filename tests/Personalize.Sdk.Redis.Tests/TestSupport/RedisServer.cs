using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// A real <c>redis-server</c> of the test's own, on a free loopback port with a temporary data
/// folder. Every write is fsynced to the append-only file before it is acknowledged, so a
/// <see cref="KillAsync"/> loses nothing Redis said it had, and <see cref="RestartAsync"/> comes
/// back on the same port with the same data: a crash and a restart, not a clean shutdown.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string InstallHint = "apt-get update && apt-get install -y redis-server";

    public static readonly string SkipReason = $"No redis-server on PATH or at /usr/bin/redis-server: install it ({InstallHint}) to run the Redis tests.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Every server still running, killed when the test process exits, so none outlives a run that was cut short.</summary>
    private static readonly HashSet<Process> Running = StartCleanup();

    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(int port, string dataDirectory)
    {
        Port = port;
        DataDirectory = dataDirectory;
    }

    /// <summary>The redis-server binary, or null where it is not installed.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>On CI (<c>CI=true</c>) a missing redis-server fails the Redis tests instead of skipping them.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server and returns once it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Reserve();
            try
            {
                await server.StartProcessAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the port between its pick and the bind: pick again.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>A port and a data folder for a server that is not running yet: a Redis "unreachable at start".</summary>
    public static RedisServer Reserve() =>
        new(FreePorts.OnLoopback(), Directory.CreateTempSubdirectory("personalize-redis-").FullName);

    /// <summary>Starts the reserved server (or the killed one) on its port and folder.</summary>
    public Task StartProcessAsync() => IsRunning ? Task.CompletedTask : LaunchAsync();

    /// <summary>Kills the process outright (SIGKILL): connections drop mid-traffic, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            lock (Running)
            {
                Running.Remove(process);
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Kills the server if it runs and starts it again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the temp folder is cleaned by the system later.
        }
    }

    private static HashSet<Process> StartCleanup()
    {
        var running = new HashSet<Process>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (running)
            {
                foreach (var process in running)
                {
                    try
                    {
                        process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // Already gone.
                    }
                }
            }
        };
        return running;
    }

    private static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }

    private async Task LaunchAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            $"redis-server is not installed, and CI=true makes the Redis tests required: {InstallHint}.");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1",
                     "--dir", DataDirectory,
                     "--save", string.Empty,
                     "--appendonly", "yes",
                     "--appendfsync", "always",
                     "--protected-mode", "no",
                     "--daemonize", "no",
                     "--logfile", string.Empty,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited at start:{Environment.NewLine}{Output()}"));
        process.Start();
        lock (Running)
        {
            Running.Add(process);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // redis-server says when it listens: wait for that line, not for a guessed delay.
        await ready.Task.WaitAsync(StartTimeout);
        await PingAsync();
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task PingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var reply = new byte[7];
        var read = await stream.ReadAtLeastAsync(reply, 7).AsTask().WaitAsync(StartTimeout);
        if (read < 7 || !reply.AsSpan(0, 7).SequenceEqual("+PONG\r\n"u8))
        {
            throw new InvalidOperationException($"redis-server on port {Port} did not answer PING.");
        }
    }
}
