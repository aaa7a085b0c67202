using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// Keeps docs/architecture.md true: hosting -> engine -> parts -> state, one way. The SDK's sources
/// are compiled once with Roslyn and every name in them is bound, so a folder's use of another is
/// seen whatever the text says: a type named, a member reached through a member access (the type
/// that declares it and the type it returns), through public namespaces that hide the folder, or
/// through <c>var</c>. Documentation comments (crefs) are not code and do not count.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>What each folder may use; Diagnostics is cross-cutting and may be used by all.</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
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

    /// <summary>
    /// Errors expected without the source generators, which this compilation does not run: the
    /// missing generated halves of <c>[LoggerMessage]</c> and <c>[GeneratedRegex]</c> partial methods
    /// (CS8795), of the <c>[OptionsValidator]</c> (CS0535) and of the <c>JsonSerializerContext</c>s
    /// (CS0534, CS7036, and their <c>Default</c> instance: CS0117). Any other error, an unresolved
    /// name above all, could hide a use, so it fails the check.
    /// </summary>
    private static bool IsFromMissingGenerator(Diagnostic error) =>
        error.Id is "CS8795" or "CS0535" or "CS0534" or "CS7036"
        || (error.Id == "CS0117" && error.GetMessage(System.Globalization.CultureInfo.InvariantCulture).EndsWith("JsonContext' does not contain a definition for 'Default'", StringComparison.Ordinal));

    private static readonly Lazy<SdkSources> Sources = new(SdkSources.Compile);

    [Fact]
    public void The_check_knows_every_folder()
    {
        var folders = Directory.GetDirectories(Sources.Value.Root).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj"));
        Assert.Equal(Allowed.Keys.Order(), folders.Order());
    }

    [Fact]
    public void The_documented_table_of_what_each_folder_may_use_is_the_checked_one()
    {
        // docs/architecture.md, "Order among the parts": | `Folder` | `A`, `B` | or | `Folder` | nothing |.
        var documented = new Dictionary<string, string[]>();
        foreach (var line in File.ReadLines(Path.Combine(Repository.Root, "docs", "architecture.md")))
        {
            var row = System.Text.RegularExpressions.Regex.Match(line, @"^\| `(\w+)` \| ((?:`\w+`(?:, )?)+|nothing) \|$");
            if (row.Success)
            {
                documented[row.Groups[1].Value] = [.. System.Text.RegularExpressions.Regex.Matches(row.Groups[2].Value, @"`(\w+)`").Select(m => m.Groups[1].Value)];
            }
        }

        var checkedFolders = Allowed.Where(entry => entry.Key is not ("DependencyInjection" or "Engine" or "Diagnostics"));
        Assert.Equal(
            checkedFolders.Select(entry => $"{entry.Key}: {string.Join(", ", entry.Value.Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal),
            documented.Select(entry => $"{entry.Key}: {string.Join(", ", entry.Value.Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_sources_bind_so_no_use_is_hidden()
    {
        var errors = Sources.Value.Compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !IsFromMissingGenerator(d))
            .Select(d => d.ToString())
            .ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Every_folder_uses_only_the_layers_below_it()
    {
        var violations = Sources.Value.Edges
            .Where(edge => edge.To != "Diagnostics" && Allowed.TryGetValue(edge.From, out var allowed) && !allowed.Contains("*") && !allowed.Contains(edge.To))
            .Select(edge => $"{edge.From}/{edge.File} -> {edge.To} ({edge.Type})")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(violations.Length == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void A_type_reached_through_a_member_access_is_a_use_and_a_cref_is_not()
    {
        var root = Directory.CreateTempSubdirectory("architecture-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Readiness"));
            Directory.CreateDirectory(Path.Combine(root, "Placements"));
            File.WriteAllText(Path.Combine(root, "Options.cs"), "namespace S; public sealed class Options { public Readiness.ReadinessOptions Readiness { get; } = new(); }");
            File.WriteAllText(Path.Combine(root, "Readiness", "ReadinessOptions.cs"), "namespace S.Readiness; public sealed class ReadinessOptions { public bool AutoPause { get; set; } }");

            // No name here says "Readiness" but the property: only binding it shows the folder.
            File.WriteAllText(Path.Combine(root, "Placements", "Plan.cs"), "namespace S.Placements; internal static class Plan { public static bool AutoPause(Options options) { var readiness = options.Readiness; return readiness.AutoPause; } }");
            File.WriteAllText(Path.Combine(root, "Placements", "Documented.cs"), "namespace S.Placements; /// <summary>Reads <see cref=\"S.Readiness.ReadinessOptions.AutoPause\"/>.</summary>\ninternal static class Documented { }");

            var sources = SdkSources.Compile(root);

            Assert.Empty(sources.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal([new Edge("Placements", "Plan.cs", "Readiness", "ReadinessOptions")], sources.Edges);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One use of a type declared in another folder: by a file of <c>From</c>, of <c>Type</c>, declared in <c>To</c>.</summary>
    internal sealed record Edge(string From, string File, string To, string Type);

    /// <summary>The SDK's sources compiled once, and every folder-to-folder use found in them.</summary>
    internal sealed class SdkSources
    {
        private SdkSources(string root, CSharpCompilation compilation, IReadOnlyList<Edge> edges)
        {
            Root = root;
            Compilation = compilation;
            Edges = edges;
        }

        public string Root { get; }

        public CSharpCompilation Compilation { get; }

        public IReadOnlyList<Edge> Edges { get; }

        public static SdkSources Compile() => Compile(Path.Combine(Repository.Root, "src", "Personalize.Sdk"));

        /// <summary>Compiles every source under <paramref name="root"/> (bin and obj aside) and finds the folders each file uses.</summary>
        public static SdkSources Compile(string root)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Preview);
            var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(file => Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj"));
            var trees = files
                .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: file))
                .Append(CSharpSyntaxTree.ParseText(
                    "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
                    parse,
                    path: "GlobalUsings.g.cs"))
                .ToArray();
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
                .Split(Path.PathSeparator)
                .Where(path => !Path.GetFileName(path).StartsWith("Personalize.", StringComparison.Ordinal))
                .Select(path => MetadataReference.CreateFromFile(path));
            var compilation = CSharpCompilation.Create(
                "Personalize.Sdk",
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var edges = new List<Edge>();
            foreach (var tree in trees)
            {
                var from = FolderOf(root, tree.FilePath);
                if (from is null)
                {
                    continue;
                }

                var model = compilation.GetSemanticModel(tree);
                var seen = new HashSet<(string, string)>();
                foreach (var name in tree.GetRoot().DescendantNodes().Where(node => node is SimpleNameSyntax or ElementAccessExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
                {
                    foreach (var type in TypesUsedBy(model, name))
                    {
                        if (FolderOf(root, type) is { } to && to != from && seen.Add((to, type.Name)))
                        {
                            edges.Add(new Edge(from, Path.GetFileName(tree.FilePath), to, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
                        }
                    }
                }
            }

            return new SdkSources(root, compilation, edges);
        }

        /// <summary>
        /// The types a name uses: the type it names, or the member's containing type and the type
        /// the member has (a property's, a field's, a method's return type), each with its type
        /// arguments and element types.
        /// </summary>
        private static IEnumerable<ITypeSymbol> TypesUsedBy(SemanticModel model, SyntaxNode name)
        {
            var info = model.GetSymbolInfo(name);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            var types = symbol switch
            {
                ITypeSymbol type => [type],
                IPropertySymbol property => [property.ContainingType, property.Type, .. property.Parameters.Select(parameter => parameter.Type)],
                IFieldSymbol field => [field.ContainingType, field.Type],
                IEventSymbol @event => [@event.ContainingType, @event.Type],
                IMethodSymbol method => [method.ContainingType, method.ReturnType, .. method.Parameters.Select(parameter => parameter.Type)],
                { ContainingType: { } containing } => [containing],
                _ => Array.Empty<ITypeSymbol?>(),
            };

            return types.Where(type => type is not null).SelectMany(type => Unwrap(type!));
        }

        private static IEnumerable<ITypeSymbol> Unwrap(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => Unwrap(array.ElementType),
            IPointerTypeSymbol pointer => Unwrap(pointer.PointedAtType),
            INamedTypeSymbol named => [named.OriginalDefinition, .. named.TypeArguments.SelectMany(Unwrap), .. named.ContainingType is { } outer ? Unwrap(outer) : []],
            _ => [],
        };

        /// <summary>The folder directly under the SDK's source that declares <paramref name="type"/>, or null for the root and for types not in the SDK.</summary>
        private static string? FolderOf(string root, ITypeSymbol type) =>
            type.Locations.FirstOrDefault(location => location.IsInSource) is { } location ? FolderOf(root, location.SourceTree!.FilePath) : null;

        private static string? FolderOf(string root, string file)
        {
            var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            return parts.Length > 1 && parts[0] != ".." ? parts[0] : null;
        }
    }
}
