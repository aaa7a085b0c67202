using System.Text;
using Personalize.Sdk.Tests.TestSupport;

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
    public void An_attribute_with_a_null_value_is_a_format_error_naming_the_item_the_attribute_and_its_line()
    {
        const string json = "{\n  \"items\": [\n    { \"key\": \"a\" },\n    { \"key\": \"tent\", \"attributes\": { \"brand\": null } }\n  ]\n}";

        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(4, failure.LineNumber);
        Assert.NotNull(failure.BytePositionInLine);
        Assert.Contains("line 4", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Catalog item 1 ('tent') has a null value for the attribute 'brand'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_loaded_with_a_null_attribute_value_is_refused_and_the_current_one_stays()
    {
        using var sdk = new TestSdk();
        const string json = """{ "items": [ { "key": "tent", "attributes": { "brand": null } } ] }""";

        var failure = Assert.Throws<CatalogFormatException>(() => sdk.Catalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(1, failure.LineNumber);
        Assert.Contains("'brand'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TestCatalog.Items.Count, sdk.Rank("shopper", count: 100).Items.Count);
    }

    [Theory]
    [InlineData("null", 1, 1)]
    [InlineData("// nothing here\n   null\n", 2, 4)]
    [InlineData("/* a\n comment */ null", 2, 13)]
    [InlineData("\uFEFFnull", 1, 1)]
    public void A_null_catalog_names_the_line_and_position_of_the_null(string json, long line, long position)
    {
        var failure = Assert.Throws<CatalogFormatException>(() => CatalogJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(line, failure.LineNumber);
        Assert.Equal(position, failure.BytePositionInLine);
        Assert.Contains($"at line {line}, position {position}: the catalog is null", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_whose_start_comes_in_many_small_reads_is_read_whole()
    {
        var json = "/* " + new string('x', 2_000) + " */ " + """{ "items": [ { "key": "boots" }, { "key": "pan" } ] }""";

        var items = CatalogJson.Read(new TrickleStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(["boots", "pan"], items.Select(i => i.Key));
    }

    [Fact]
    public void Reading_a_directory_throws_an_exception_read_file_documents()
    {
        using var file = new TempCatalogFile("""{ "items": [] }""");
        var documented = XmlDocs.Member("M:Personalize.Sdk.CatalogJson.ReadFile(System.String)")
            .Elements("exception")
            .Select(exception => (string?)exception.Attribute("cref"))
            .ToList();

        var failure = Assert.ThrowsAny<Exception>(() => CatalogJson.ReadFile(Path.GetDirectoryName(file.Path)!));

        Assert.IsType<UnauthorizedAccessException>(failure);
        Assert.Contains($"T:{failure.GetType().FullName}", documented);
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 7)]);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>("utf8Json", () => CatalogJson.Read(null!));
        Assert.Throws<ArgumentException>("path", () => CatalogJson.ReadFile(""));
    }
}
