using Microsoft.CodeAnalysis;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// The code the documentation shows compiles against the SDK as written: the README's whole
/// programs pasted into a new console project (implicit usings on, outside any namespace of the
/// SDK's), with no line added, and the migration guide's snippets in order, given the variables
/// they assume. Compiled with Roslyn; <see cref="QuickStartPackageTests"/> also runs the quick
/// start against the packed package.
/// </summary>
public sealed class DocumentedCodeTests
{
    private static readonly MetadataReference[] References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => !Path.GetFileName(path).StartsWith("Personalize.", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(IPersonalizer).Assembly.Location),
    ];

    [Theory]
    [InlineData("## Quick start")]
    [InlineData("**Without a container**")]
    public void A_readme_program_compiles_when_pasted_into_a_new_console_project(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var at = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The README has no '{heading}'.");
        var program = PastedProgram.CSharpBlock().Match(readme[at..]).Groups["code"].Value;

        Assert.Empty(Errors(program));
    }

    [Fact]
    public void The_migration_guide_s_snippets_compile_in_order_given_the_variables_they_assume()
    {
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "migrating-from-azure-personalizer.md"));
        var blocks = PastedProgram.CSharpBlock().Matches(guide).Select(match => match.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 10, $"The guide shows {blocks.Count} C# blocks.");

        // The Redis package's line needs that package, which this project does not reference; a type
        // declaration (a block's lines up to its closing brace) goes after the top-level statements;
        // `(...)` stands for the caller's options.
        var usings = blocks.Where(block => block.TrimStart().StartsWith("using ", StringComparison.Ordinal)).ToList();
        var types = new List<string>();
        var statements = new List<string>();
        foreach (var block in blocks.Except(usings).Where(block => !block.Contains(".AddRedis(", StringComparison.Ordinal)))
        {
            var typeEnd = block.StartsWith("public sealed class", StringComparison.Ordinal) ? block.IndexOf("\n}\n", StringComparison.Ordinal) + 3 : 0;
            types.Add(block[..typeEnd]);
            statements.Add(block[typeEnd..]);
        }
        var program = string.Join('\n', [
            .. usings,
            "using Microsoft.Extensions.DependencyInjection;",
            "IServiceCollection services = new ServiceCollection();",
            "IServiceProvider provider = services.BuildServiceProvider();",
            "IPersonalizer personalizer = provider.GetRequiredService<IPersonalizer>();",
            "string userKey = \"visitor-42\";",
            .. statements,
            .. types,
        ]).Replace("(...)", "()", StringComparison.Ordinal);

        Assert.Empty(Errors(program));
    }

    private static IEnumerable<string> Errors(string program) => PastedProgram.Diagnostics(program, References);
}
