using Microsoft.CodeAnalysis;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Packaging;

/// <summary>
/// The program the package's readme (PACKAGE.md, what nuget.org shows) gives compiles as written,
/// pasted into a new console project with implicit usings, against both packages and the generic host.
/// </summary>
public sealed class PackageReadmeProgramTests
{
    [Fact]
    public void The_package_readme_s_program_compiles_when_pasted_into_a_new_console_project()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", "Personalize.Sdk.Redis", "PACKAGE.md"));
        var program = PastedProgram.CSharpBlock().Match(readme).Groups["code"].Value;
        Assert.Contains(".AddRedis(", program, StringComparison.Ordinal);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(path => MetadataReference.CreateFromFile(path));
        Assert.Empty(PastedProgram.Diagnostics(program, references, DiagnosticSeverity.Warning));
    }
}
