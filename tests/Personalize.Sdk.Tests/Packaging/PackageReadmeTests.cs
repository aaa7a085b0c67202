using System.Text.RegularExpressions;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// nuget.org shows each package's own README (src/*/PACKAGE.md), where a link relative to the
/// repository leads nowhere: every link there is absolute, and the code it shows is the README's.
/// </summary>
public sealed partial class PackageReadmeTests
{
    [Theory]
    [InlineData("Personalize.Sdk")]
    [InlineData("Personalize.Sdk.Redis")]
    public void A_package_readme_links_only_to_absolute_addresses(string project)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", project, "PACKAGE.md"));

        var links = Link().Matches(readme).Select(match => match.Groups["target"].Value).ToArray();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://", link, StringComparison.Ordinal));
    }

    [Fact]
    public void The_redis_package_readme_shows_the_readmes_options_and_says_it_needs_a_generic_host()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var package = File.ReadAllText(Path.Combine(Repository.Root, "src", "Personalize.Sdk.Redis", "PACKAGE.md"));
        const string registration = """.AddRedis(o => o.Configuration = "localhost:6379");""";

        // The program itself is compiled by the Redis package's tests (PackageReadmeProgramTests).
        Assert.Contains(registration, readme, StringComparison.Ordinal);
        Assert.Contains(registration, package, StringComparison.Ordinal);
        Assert.Contains("Run it under a generic host", package, StringComparison.Ordinal);
        Assert.Contains("reads none back", package, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
