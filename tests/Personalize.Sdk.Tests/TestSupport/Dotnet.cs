using System.Diagnostics;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>Runs the dotnet CLI for the packaging tests: no telemetry, no logo, and a failure reported with its output.</summary>
internal static class Dotnet
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>; asserts it succeeded and returns its standard output.</summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="packages">A NuGet packages folder to extract into instead of the machine's cache, or null for the cache.</param>
    /// <param name="arguments">The command line.</param>
    public static async Task<string> RunAsync(string directory, string? packages, params string[] arguments)
    {
        var (exitCode, output, errors) = await TryRunAsync(directory, packages, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}\n{errors}");
        return output;
    }

    /// <summary>Runs <c>dotnet</c> as <see cref="RunAsync"/> does, for a command that may fail: its exit code, standard output and standard error.</summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="packages">A NuGet packages folder to extract into instead of the machine's cache, or null for the cache.</param>
    /// <param name="arguments">The command line.</param>
    public static async Task<(int ExitCode, string Output, string Errors)> TryRunAsync(string directory, string? packages, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The machine's NuGet global packages folder, where the test projects' own packages were restored.</summary>
    /// <param name="directory">A directory to run <c>dotnet</c> in.</param>
    public static async Task<string> GlobalPackagesAsync(string directory) =>
        (await RunAsync(directory, null, "nuget", "locals", "global-packages", "--list")).Split(':', 2)[1].Trim();

    /// <summary>Writes a <c>nuget.config</c> in <paramref name="app"/> whose only sources are <paramref name="feed"/> (packed here) and the machine's global packages folder (no network).</summary>
    /// <param name="app">The app's directory.</param>
    /// <param name="feed">A folder of packed packages.</param>
    /// <param name="globalPackages">The global packages folder (<see cref="GlobalPackagesAsync"/>).</param>
    public static Task WriteNuGetConfigAsync(string app, string feed, string globalPackages) =>
        File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
                <add key="global" value="{globalPackages}" />
              </packageSources>
            </configuration>
            """);
}
