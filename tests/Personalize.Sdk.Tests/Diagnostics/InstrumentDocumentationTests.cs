using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Diagnostics;

/// <summary>Every instrument of the <c>Personalize.Sdk</c> meter is named in the README or the docs, so an operator can find what it counts.</summary>
[Collection(AllocationCollection.Name)]
public sealed class InstrumentDocumentationTests
{
    [Fact]
    public void Every_instrument_of_the_sdk_meter_is_named_in_the_readme_or_the_docs()
    {
        var names = PublishedInstruments.OfOneSdk().Select(instrument => instrument.Name).Distinct().ToList();
        var docs = string.Join(
            "\n",
            Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Append(Path.Combine(Repository.Root, "README.md")).Select(File.ReadAllText));

        Assert.True(names.Count >= 20, $"only {names.Count} instruments were published");
        Assert.All(names, name => Assert.True(IsNamed(docs, name), $"{name} is named nowhere in README.md or docs/*.md"));
    }

    /// <summary>Named in full, under a wildcard of its prefix (<c>personalize.identity.*</c>), or by its last part after a sibling (<c>.rejected</c>).</summary>
    private static bool IsNamed(string docs, string name)
    {
        if (docs.Contains($"`{name}`", StringComparison.Ordinal))
        {
            return true;
        }

        var lastDot = name.LastIndexOf('.');
        return docs.Contains($"`{name[..lastDot]}.*`", StringComparison.Ordinal) || docs.Contains($"`{name[lastDot..]}`", StringComparison.Ordinal);
    }
}
