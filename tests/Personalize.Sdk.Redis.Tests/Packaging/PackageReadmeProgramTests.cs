using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Personalize.Sdk.Redis.Tests.Packaging;

/// <summary>
/// The program the package's readme (PACKAGE.md, what nuget.org shows) gives compiles as written,
/// pasted into a new console project with implicit usings, against both packages and the generic host.
/// </summary>
public sealed partial class PackageReadmeProgramTests
{
    // What `<ImplicitUsings>enable</ImplicitUsings>` gives a console project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [Fact]
    public void The_package_readme_s_program_compiles_when_pasted_into_a_new_console_project()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Personalize.Sdk.Redis", "PACKAGE.md"));
        var program = CSharpBlock().Match(readme).Groups["code"].Value;
        Assert.Contains(".AddRedis(", program, StringComparison.Ordinal);

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "app",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(program, parse)],
            [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path))],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).Select(diagnostic => diagnostic.ToString()));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Personalize.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The test runs outside the repository.");
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
