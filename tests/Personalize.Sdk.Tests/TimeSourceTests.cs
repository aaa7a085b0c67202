using System.Text.RegularExpressions;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// Every elapsed time the shipped packages measure (durations, log throttles) is read from the
/// injected <see cref="TimeProvider"/> (<see cref="TimeProvider.GetTimestamp"/>,
/// <see cref="TimeProvider.GetElapsedTime(long)"/>), so a fake clock drives them all: read from the
/// sources under src/, comments left out.
/// </summary>
public sealed partial class TimeSourceTests
{
    [Fact]
    public void No_shipped_source_reads_the_stopwatch()
    {
        var source = Path.Combine(Repository.Root, "src");
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Trim();
                if (!code.StartsWith("//", StringComparison.Ordinal) && StopwatchRead().IsMatch(code))
                {
                    offenders.Add($"{relative}:{i + 1}: {code}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\bStopwatch\s*\.\s*(?:Get\w*|StartNew|Frequency)\b|\bnew\s+(?:System\.Diagnostics\.)?Stopwatch\s*\(")]
    private static partial Regex StopwatchRead();
}
