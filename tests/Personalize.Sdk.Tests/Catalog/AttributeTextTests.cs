using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

/// <summary>
/// An attribute is known by its text <c>name=value</c>: a name or value may hold <c>=</c> (a
/// multi-valued attribute written as <c>genre=Drama</c> = <c>1</c>, say), but two attributes that
/// read alike would be taken for one, so a catalog holding both is refused, naming them.
/// </summary>
public sealed class AttributeTextTests
{
    [Fact]
    public void Two_attributes_that_read_alike_are_refused_naming_the_item_and_both_names()
    {
        using var sdk = new TestSdk();
        CatalogItem[] items =
        [
            new() { Key = "shirt", Category = "clothes", Attributes = new Dictionary<string, string> { ["colour"] = "red=dark" } },
            new() { Key = "hat", Category = "clothes", Attributes = new Dictionary<string, string> { ["colour=red"] = "dark" } },
        ];

        var failure = Assert.Throws<ArgumentException>("items", () => sdk.Catalog.Replace(items));

        Assert.Contains("'hat' has the attribute 'colour=red' = 'dark', which reads as 'colour=red=dark' like the catalog's attribute 'colour'", failure.Message, StringComparison.Ordinal);
        Assert.True(sdk.Catalog.TryGetItem("books-1", out _));
    }

    [Fact]
    public void A_catalog_file_with_two_attributes_that_read_alike_is_a_format_error_naming_the_item_and_its_line()
    {
        using var sdk = new TestSdk();
        const string json = "{\n  \"items\": [\n    { \"key\": \"shirt\", \"attributes\": { \"colour\": \"red=dark\" } },\n    { \"key\": \"hat\", \"attributes\": { \"colour=red\": \"dark\" } }\n  ]\n}";

        var failure = Assert.Throws<CatalogFormatException>(() => sdk.Catalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        Assert.Equal(4, failure.LineNumber);
        Assert.Contains("Catalog item 1 ('hat') has the attribute 'colour=red' = 'dark'", failure.Message, StringComparison.Ordinal);
        Assert.True(sdk.Catalog.TryGetItem("books-1", out _));
    }

    [Fact]
    public void A_name_that_holds_the_separator_works_when_nothing_else_reads_alike()
    {
        using var sdk = new TestSdk(catalog:
        [
            new CatalogItem { Key = "drama-1", Category = "films", Attributes = new Dictionary<string, string> { ["genre=Drama"] = "1" } },
            new CatalogItem { Key = "drama-2", Category = "films", Attributes = new Dictionary<string, string> { ["genre=Drama"] = "1" } },
            new CatalogItem { Key = "comedy-1", Category = "films", Attributes = new Dictionary<string, string> { ["genre=Comedy"] = "1" } },
        ]);

        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("ann", "genre=Drama", "1", likes: false));
        var shown = sdk.Personalizer.Rank(new PersonalizationRequest("ann")).Items.Select(item => item.ItemKey).ToArray();

        Assert.Equal(["comedy-1"], shown);
    }
}
