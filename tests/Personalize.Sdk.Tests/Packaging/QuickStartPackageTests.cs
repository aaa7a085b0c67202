using System.IO.Compression;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// The README's quick start, pasted verbatim into a brand-new console project that references the
/// packed package, builds and prints what the README says. Restores offline: the only sources are
/// the freshly packed package and the machine's global packages folder, which the solution's own
/// restore has already filled; packages are extracted into a temp folder, never into the cache.
/// </summary>
public sealed class QuickStartPackageTests
{
    private const string Version = "0.0.0-quickstart";

    [Fact]
    public async Task The_readme_quick_start_builds_and_runs_in_a_new_project_against_the_packed_package()
    {
        var repository = Repository.Root;
        var quickStart = QuickStartBlock(await File.ReadAllTextAsync(Path.Combine(repository, "README.md")));
        var work = Directory.CreateTempSubdirectory("personalize-quickstart-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
            var configuration = Repository.Configuration;
            var globalPackages = await Dotnet.GlobalPackagesAsync(repository);

            await Run(repository, isolated: true, "pack", Path.Combine("src", "Personalize.Sdk", "Personalize.Sdk.csproj"), "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={Version}");
            using (var package = ZipFile.OpenRead(Path.Combine(feed, $"Personalize.Sdk.{Version}.nupkg")))
            using (var packedReadme = new StreamReader(package.GetEntry("README.md")!.Open()))
            {
                // The package page shows its own README: the same quick start, run below.
                Assert.Equal(quickStart, QuickStartBlock(await packedReadme.ReadToEndAsync()));
            }

            await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Personalize.Sdk" Version="{Version}" />
                    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.0" />
                  </ItemGroup>
                </Project>
                """);
            await Dotnet.WriteNuGetConfigAsync(app, feed, globalPackages);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), quickStart);

            var output = await Run(app, isolated: true, "run", "--project", app);

            Assert.Equal(["boots 2.25", "tent 1.00", "kettle 0.00"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            work.Delete(recursive: true);
        }

        // Isolated runs extract packages into the temp folder, so the machine's cache never holds a test build.
        Task<string> Run(string directory, bool isolated, params string[] arguments) =>
            Dotnet.RunAsync(directory, isolated ? Path.Combine(work.FullName, "packages") : null, arguments);
    }

    /// <summary>The first C# block after the README's "Quick start" heading.</summary>
    private static string QuickStartBlock(string readme)
    {
        var section = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..];
        return PastedProgram.CSharpBlock().Match(section).Groups["code"].Value;
    }
}
