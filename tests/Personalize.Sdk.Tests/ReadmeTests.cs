namespace Personalize.Sdk.Tests;

[Collection(nameof(ConsoleOutput))]
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_quick_start_is_the_compiled_sample()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "QuickStartSample.cs"));

        Assert.Contains(Snippet(sample, "// begin-snippet: quick-start", "// end-snippet"), Normalize(readme), StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_quick_start_runs_and_ranks_by_what_the_visitor_viewed()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        Decision decision;
        try
        {
            decision = QuickStartSample.Run();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(DecisionVariant.Personalized, decision.Variant);
        Assert.Equal(["boots", "tent", "kettle"], decision.Items.Select(i => i.ItemKey));
        Assert.Equal(["boots 2.25", "tent 1.00", "kettle 0.00"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_readme_builder_example_is_the_compiled_sample_and_ranks_like_the_quick_start()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BuilderSample.cs"));

        var decision = BuilderSample.Run();

        Assert.Contains(Snippet(sample, "// begin-snippet: builder", "// end-snippet"), Normalize(readme), StringComparison.Ordinal);
        Assert.Equal(DecisionVariant.Personalized, decision.Variant);
        Assert.Equal(["boots", "tent", "kettle"], decision.Items.Select(i => i.ItemKey));
    }

    private static string Snippet(string source, string begin, string end)
    {
        var lines = source.Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim() == begin) + 1;
        var last = Array.FindIndex(lines, l => l.Trim() == end);
        var body = lines[first..last];
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return Normalize(string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}

/// <summary>Tests that redirect <see cref="Console.Out"/> must not run beside each other.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;
