using System.Text.RegularExpressions;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// Keeps docs/architecture.md true: hosting -> engine -> parts -> state, one way, read from the
/// sources of each folder (usings and qualified names; comments, where crefs live, are ignored).
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>What each folder may use; Diagnostics is cross-cutting and may be used by all.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["DependencyInjection"] = ["*"],
        ["Engine"] = ["Explanations", "Privacy", "Readiness", "Placements", "Learning", "Measurement", "Holdouts", "Guardrails", "Signals", "Scoring", "Governance", "Profiles", "Catalog", "Statistics"],

        // Parts, each using only the parts listed before it, and state.
        ["Governance"] = [],
        ["Scoring"] = ["Profiles", "Catalog", "Statistics"],
        ["Signals"] = ["Governance", "Scoring", "Profiles", "Catalog", "Statistics"],
        ["Guardrails"] = ["Governance", "Scoring", "Signals", "Profiles", "Catalog", "Statistics"],
        ["Holdouts"] = ["Governance"],
        ["Measurement"] = ["Governance", "Holdouts"],
        ["Learning"] = ["Measurement", "Scoring", "Catalog"],
        ["Placements"] = ["Governance", "Scoring", "Signals", "Guardrails", "Holdouts", "Measurement", "Learning"],
        ["Readiness"] = ["Governance", "Scoring", "Signals", "Guardrails", "Holdouts", "Measurement", "Placements", "Profiles", "Catalog", "Statistics"],
        ["Explanations"] = ["Governance", "Scoring", "Signals", "Guardrails", "Holdouts", "Measurement", "Placements", "Profiles", "Catalog", "Statistics"],
        ["Privacy"] = ["Holdouts", "Measurement", "Profiles", "Catalog", "Statistics"],

        // State.
        ["Profiles"] = ["Catalog", "Statistics"],
        ["Statistics"] = ["Catalog"],
        ["Catalog"] = [],
        ["Diagnostics"] = [],
    };

    [Fact]
    public void Every_folder_uses_only_the_layers_below_it()
    {
        var source = Path.Combine(Repository.Root, "src", "Personalize.Sdk");
        var folders = Directory.GetDirectories(source).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).ToArray();
        Assert.Equal(Allowed.Keys.Order(), folders.Order());

        var publicTypes = PublicTypesByFolder(source, folders!);
        var violations = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(source, folder!), "*.cs", SearchOption.AllDirectories))
            {
                var lines = Code(File.ReadAllLines(file)).ToArray();
                var references = References(lines).Concat(PublicTypeReferences(lines, publicTypes)).Distinct();
                foreach (var used in references.Where(used => used != folder && used != "Diagnostics"))
                {
                    if (!Allowed[folder!].Contains("*") && !Allowed[folder!].Contains(used))
                    {
                        violations.Add($"{folder}/{Path.GetFileName(file)} -> {used}");
                    }
                }
            }
        }

        Assert.Empty(violations);
    }

    /// <summary>
    /// Public types live in the four public namespaces, whatever folder holds them, so a using
    /// does not show which folder is used: map each such type's name to its folder instead.
    /// </summary>
    private static Dictionary<string, string> PublicTypesByFolder(string source, IEnumerable<string> folders)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(source, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                if (text.Contains($"namespace Personalize.Sdk.{folder};", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in Declaration().Matches(text))
                {
                    types[match.Groups["name"].Value] = folder;
                }
            }
        }

        return types;
    }

    private static IEnumerable<string> PublicTypeReferences(IEnumerable<string> lines, Dictionary<string, string> publicTypes) =>
        lines.SelectMany(line => Identifier().Matches(StringLiteral().Replace(line, "\"\"")).Select(match => match.Value))
            .Where(publicTypes.ContainsKey)
            .Select(name => publicTypes[name]);

    private static IEnumerable<string> Code(IEnumerable<string> lines) =>
        lines
            .Select(line => line.Trim())
            .Where(line => !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("namespace ", StringComparison.Ordinal));

    private static IEnumerable<string> References(IEnumerable<string> lines) =>
        lines
            .SelectMany(line => Reference().Matches(line).Select(match => match.Groups["using"].Success ? match.Groups["using"].Value : match.Groups["qualified"].Value))
            .Distinct();


    [GeneratedRegex(@"^public (?:[a-z]+ )*(?:class|struct|interface|enum|record) (?<name>[A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![.\w])[A-Z]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^using Personalize\.Sdk\.(?!Extensibility;|Reporting;)(?<using>[A-Za-z]+)|(?<![.\w])(?<qualified>Catalog|Profiles|Signals|Guardrails|Holdouts|Measurement|Placements|Readiness|Explanations|Governance|Scoring|Diagnostics|DependencyInjection|Engine|Privacy|Statistics)\.[A-Z][A-Za-z]+")]
    private static partial Regex Reference();
}
