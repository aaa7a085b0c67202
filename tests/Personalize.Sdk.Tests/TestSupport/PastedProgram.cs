using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>
/// A documented program compiled as a user would paste it into a new console project: implicit
/// usings on, nullable on, outside any namespace of the SDK's. Linked into the Redis package's tests too.
/// </summary>
internal static partial class PastedProgram
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

    /// <summary>The ```csharp blocks of a markdown text; the code is the group <c>code</c>.</summary>
    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    public static partial Regex CSharpBlock();

    /// <summary>The diagnostics of <paramref name="program"/> at <paramref name="least"/> or worse, compiled against <paramref name="references"/>.</summary>
    public static IEnumerable<string> Diagnostics(string program, IEnumerable<MetadataReference> references, DiagnosticSeverity least = DiagnosticSeverity.Error)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "app",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse), CSharpSyntaxTree.ParseText(program, parse)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= least).Select(diagnostic => diagnostic.ToString());
    }
}
