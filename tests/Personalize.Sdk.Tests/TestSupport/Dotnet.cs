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
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
