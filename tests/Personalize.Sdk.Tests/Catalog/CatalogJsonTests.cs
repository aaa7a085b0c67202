using System.Text;

namespace Personalize.Sdk.Tests.Catalog;

public sealed class CatalogJsonTests
{
    [Fact]
    public void Reads_the_documented_schema()
    {
        const string json = """
            {
              // comments and unknown properties are ignored
              "version": 3,
              "items": [
                { "key": "boots", "category": "hiking", "title": "Hiking boots", "attributes": { "brand": "Acme" } },
                { "key": "pan", "category": "kitchen", "isAvailable": false },
              ]
            }
            """;

        var items = CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(["boots", "pan"], items.Select(i => i.Key));
        Assert.Equal("Hiking boots", items[0].Title);
        Assert.Equal("Acme", items[0].Attributes["brand"]);
        Assert.True(items[0].IsAvailable);
        Assert.False(items[1].IsAvailable);
        Assert.Empty(items[1].Attributes);
    }

    [Fact]
    public void Malformed_json_names_the_line_and_position()
    {
        const string json = "{\n  \"items\": [\n    { \"key\": \"a\" },\n    { \"key\": \"b\", }}\n  ]\n}";

        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(4, failure.LineNumber);
        Assert.NotNull(failure.BytePositionInLine);
        Assert.Contains("line 4", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "items": [ { "category": "x" } ] }""")]
    [InlineData("""{ "items": [ { "key": "" } ] }""")]
    [InlineData("""{ "products": [] }""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void A_catalog_that_breaks_the_schema_is_refused(string json)
    {
        Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Theory]
    [InlineData("""{ "items": [ { "key": "a" }, { "key": "b", "category": "x", "key": "c" } ] }""")]
    [InlineData("""{ "items": [ { "key": "a" }, { "key": "b", "Key": "c" } ] }""")]
    [InlineData("""{ "items": [ { "key": "a" }, { "key": "b", "attributes": { "brand": "x", "brand": "y" } } ] }""")]
    public void A_property_repeated_in_one_object_is_a_format_error_naming_the_item(string json)
    {
        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("(catalog item 1)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, failure.LineNumber);
    }

    [Fact]
    public void Items_sharing_a_key_are_a_format_error_naming_both()
    {
        const string json = """{ "items": [ { "key": "a" }, { "key": "b" }, { "key": "a" } ] }""";

        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("Catalog items 0 and 2 share the key 'a'.", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"items\": [\n    { \"key\": \"a\" },\n    { \"key\": \"a\" }\n  ]\n}", "Catalog items 0 and 1 share the key 'a'.")]
    [InlineData("{\n  \"items\": [\n    { \"key\": \"a\" },\n    { \"category\": \"x\" }\n  ]\n}", "Catalog item 1 has no key.")]
    [InlineData("{\n  \"items\": [\n    { \"key\": \"a\" },\n    { \"key\": \"\" }\n  ]\n}", "Catalog item 1 has no key.")]
    [InlineData("{\n  \"items\": [\n    { \"key\": \"a\" },\n    null\n  ]\n}", "Catalog item 1 has no key.")]
    public void An_item_without_a_key_or_repeating_one_names_its_line_position_and_item(string json, string expected)
    {
        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(4, failure.LineNumber);
        Assert.NotNull(failure.BytePositionInLine);
        Assert.Contains("line 4", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\n  \"products\": []\n}")]
    [InlineData("{\n  \"items\": null\n}")]
    public void A_catalog_without_an_items_array_names_a_line_and_position(string json)
    {
        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.NotNull(failure.LineNumber);
        Assert.NotNull(failure.BytePositionInLine);
        Assert.Contains($"line {failure.LineNumber}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no \"items\" array", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("utf8Json", () => CatalogJson.Read(null!));
        Assert.Throws<ArgumentException>("path", () => CatalogJson.ReadFile(""));
    }
}
