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
}
