using System.Diagnostics;

namespace Personalize.Storefront.Tests.Hosting;

/// <summary>The storefront as <c>dotnet run</c> starts it: its own process, its exit code and what it printed.</summary>
internal static class StorefrontProcess
{
    /// <summary>A guard against a store that starts after all: such a test fails instead of hanging the run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Personalize.Storefront.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only the arguments say where to listen.
        foreach (var name in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "PORT" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The storefront ({string.Join(' ', args)}) was still running after {Patience}.");
        }

        return (process.ExitCode, await output, await errors);
    }

    /// <summary>The dotnet executable running the tests, so the store runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
