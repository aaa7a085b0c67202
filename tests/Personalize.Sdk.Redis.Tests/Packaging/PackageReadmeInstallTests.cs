using Microsoft.CodeAnalysis;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Packaging;

/// <summary>The Redis package's readme, followed literally in a new console app.</summary>
public sealed class PackageReadmeInstallTests
{
    /// <summary>
    /// src/Personalize.Sdk.Redis/PACKAGE.md's Install says only
    /// <c>dotnet add package Personalize.Sdk.Redis --prerelease</c>; its program then calls
    /// <c>Host.CreateApplicationBuilder(args)</c>, which lives in Microsoft.Extensions.Hosting, a package
    /// neither Personalize.Sdk.Redis nor Personalize.Sdk brings (only Hosting.Abstractions). In a
    /// <c>dotnet new console</c> app the pasted program fails with CS0103. (The core's PACKAGE.md does
    /// list the extra package its quick start needs: Microsoft.Extensions.DependencyInjection.)
    /// </summary>
    [Fact]
    public void The_package_readme_program_compiles_with_only_the_packages_its_install_step_adds()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", "Personalize.Sdk.Redis", "PACKAGE.md"));
        var program = PastedProgram.CSharpBlock().Match(readme).Groups["code"].Value;
        var install = System.Text.RegularExpressions.Regex.Match(readme, "```shell\n(?<code>.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups["code"].Value;
        Assert.Contains("dotnet add package Personalize.Sdk.Redis", install, StringComparison.Ordinal);

        // The test host's assemblies, less the one package the install step does not add and the
        // packages' dependency closure (Personalize.Sdk.Redis -> Hosting.Abstractions, not Hosting) does not hold.
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => install.Contains("Microsoft.Extensions.Hosting ", StringComparison.Ordinal) || Path.GetFileName(path) != "Microsoft.Extensions.Hosting.dll")
            .Select(path => MetadataReference.CreateFromFile(path));

        Assert.Empty(PastedProgram.Diagnostics(program, references));
    }
}
