using System.IO.Compression;
using System.Xml.Linq;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// The Redis package uses the core's internals, so it must depend on exactly its own version of the
/// core: "that version or later" would let an upgrade of the core alone fail at run time.
/// </summary>
public sealed class RedisPackageDependencyTests
{
    [Fact]
    public async Task The_redis_package_depends_on_exactly_its_own_version_of_the_core()
    {
        var feed = Directory.CreateTempSubdirectory("personalize-redis-pack-");
        try
        {
            var configuration = Repository.Configuration;
            string[] pack = ["pack", Path.Combine("src", "Personalize.Sdk.Redis", "Personalize.Sdk.Redis.csproj"), "-c", configuration, "-o", feed.FullName, "-p:PackageVersion=0.0.0-pin"];

            // Built already by a solution-wide `dotnet test`: packing it again must not rebuild under the Redis tests running beside.
            var built = File.Exists(Path.Combine(Repository.Root, "src", "Personalize.Sdk.Redis", "bin", configuration, "net10.0", "Personalize.Sdk.Redis.dll"));
            await Dotnet.RunAsync(Repository.Root, packages: null, built ? [.. pack, "--no-build"] : pack);

            using var package = ZipFile.OpenRead(Path.Combine(feed.FullName, "Personalize.Sdk.Redis.0.0.0-pin.nupkg"));
            using var nuspec = package.GetEntry("Personalize.Sdk.Redis.nuspec")!.Open();
            var core = XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Personalize.Sdk");

            Assert.Equal("[0.0.0-pin]", (string?)core.Attribute("version"));
        }
        finally
        {
            feed.Delete(recursive: true);
        }
    }

    /// <summary>
    /// NuGet lets a direct reference to another core win over the pin with a warning (NU1608), so
    /// the package's buildTransitive targets fail the build instead, naming both versions; a project
    /// with both at one version builds.
    /// </summary>
    [Fact]
    public async Task A_project_referencing_another_core_than_the_redis_package_fails_to_build_naming_both()
    {
        var work = Directory.CreateTempSubdirectory("personalize-redis-pin-");
        try
        {
            var repository = Repository.Root;
            var configuration = Repository.Configuration;
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            var packages = Path.Combine(work.FullName, "packages");
            var globalPackages = await Dotnet.GlobalPackagesAsync(repository);
            var core = Path.Combine("src", "Personalize.Sdk", "Personalize.Sdk.csproj");
            var redis = Path.Combine("src", "Personalize.Sdk.Redis", "Personalize.Sdk.Redis.csproj");
            var redisBuilt = File.Exists(Path.Combine(repository, "src", "Personalize.Sdk.Redis", "bin", configuration, "net10.0", "Personalize.Sdk.Redis.dll"));
            await Dotnet.RunAsync(repository, null, "pack", core, "-c", configuration, "--no-build", "-o", feed, "-p:PackageVersion=0.0.0-pin-a");
            await Dotnet.RunAsync(repository, null, "pack", core, "-c", configuration, "--no-build", "-o", feed, "-p:PackageVersion=0.0.0-pin-b");
            string[] packRedis = ["pack", redis, "-c", configuration, "-o", feed, "-p:PackageVersion=0.0.0-pin-a"];
            await Dotnet.RunAsync(repository, null, redisBuilt ? [.. packRedis, "--no-build"] : packRedis);

            var newer = await AppAsync(work, "newer-core", feed, globalPackages, "0.0.0-pin-b");
            var same = await AppAsync(work, "same-core", feed, globalPackages, "0.0.0-pin-a");

            var (failed, output, _) = await Dotnet.TryRunAsync(newer, packages, "build");
            Assert.NotEqual(0, failed);
            Assert.Contains("error PSDKREDIS001: Personalize.Sdk.Redis 0.0.0-pin-a works only with Personalize.Sdk 0.0.0-pin-a", output, StringComparison.Ordinal);
            Assert.Contains("references Personalize.Sdk 0.0.0-pin-b", output, StringComparison.Ordinal);
            await Dotnet.RunAsync(same, packages, "build");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> AppAsync(DirectoryInfo work, string name, string feed, string globalPackages, string coreVersion)
    {
        var app = Directory.CreateDirectory(Path.Combine(work.FullName, name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Personalize.Sdk.Redis" Version="0.0.0-pin-a" />
                <PackageReference Include="Personalize.Sdk" Version="{coreVersion}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(typeof(Personalize.Sdk.IPersonalizer).Assembly.GetName().Name);\n");
        await Dotnet.WriteNuGetConfigAsync(app, feed, globalPackages);
        return app;
    }
}
