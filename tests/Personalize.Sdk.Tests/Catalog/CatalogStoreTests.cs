using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Catalog;

public sealed class CatalogStoreTests
{
    [Fact]
    public void A_catalog_file_is_loaded_at_start_after_the_items_given_in_code()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "items": [ { "key": "from-file", "category": "books" } ] }""");
        try
        {
            var services = new ServiceCollection();
            services.AddPersonalization().AddCatalog([new CatalogItem { Key = "from-code" }]).AddCatalogFile(path);
            using var provider = services.BuildServiceProvider();

            var catalog = provider.GetRequiredService<ICatalog>();

            Assert.Equal(2, catalog.Count);
            Assert.True(catalog.TryGetItem("from-file", out var item));
            Assert.Equal("books", item.Category);
            Assert.Equal(
                ["from-code", "from-file"],
                provider.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest("u")).Items.Select(i => i.ItemKey));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_corrupt_catalog_file_is_logged_and_the_host_keeps_serving()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "items": [ { "key": "a" """);
        try
        {
            var logs = new FakeLogCollector();
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
            services.AddPersonalization().AddCatalog([new CatalogItem { Key = "from-code" }]).AddCatalogFile(path);
            using var provider = services.BuildServiceProvider();

            var decision = provider.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest("u"));

            Assert.Equal(["from-code"], decision.Items.Select(i => i.ItemKey));
            Assert.Contains(logs.GetSnapshot(), record => record.Level == LogLevel.Error && record.Exception is CatalogFormatException);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Replacing_the_catalog_is_atomic_and_removed_items_vanish_at_once()
    {
        using var sdk = new TestSdk();
        var catalog = sdk.Services.GetRequiredService<ICatalog>();
        var version = catalog.Version;

        catalog.Replace(TestCatalog.Items.Where(i => i.Category != "hiking"));

        Assert.Equal(version + 1, catalog.Version);
        Assert.False(catalog.TryGetItem("hiking-1", out _));
        Assert.DoesNotContain(sdk.TopKeys("u", 100), key => key.StartsWith("hiking-", StringComparison.Ordinal));
    }

    [Fact]
    public void Popularity_survives_a_replacement_by_item_key()
    {
        using var sdk = new TestSdk();
        sdk.View("shopper", "books-3", "books-3");
        var catalog = sdk.Services.GetRequiredService<ICatalog>();

        catalog.Replace(TestCatalog.Items.Reverse());

        Assert.Equal("books-3", sdk.TopKeys("new-user", 1)[0]);
    }

    [Fact]
    public void A_malformed_catalog_stream_names_the_line_and_leaves_the_previous_catalog_active()
    {
        using var sdk = new TestSdk();
        var version = sdk.Catalog.Version;
        var json = "{ \"items\": [\n  { \"key\": \"x\" },\n  { \"key\": 42 }\n] }";

        var failure = Assert.Throws<CatalogFormatException>(() => sdk.Catalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        Assert.Equal(3, failure.LineNumber);
        Assert.Equal(version, sdk.Catalog.Version);
        Assert.Equal(TestCatalog.Items.Count, sdk.TopKeys("u", 100).Length);
    }

    [Fact]
    public void A_catalog_stream_replaces_the_catalog_at_run_time()
    {
        using var sdk = new TestSdk();
        var json = """{ "items": [ { "key": "new-1", "category": "books" }, { "key": "books-1", "category": "books" } ] }""";

        sdk.Catalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(["new-1", "books-1"], sdk.TopKeys("u", 100));
    }

    [Fact]
    public void A_bad_replacement_is_refused_and_the_old_catalog_stays()
    {
        using var sdk = new TestSdk();
        var catalog = sdk.Services.GetRequiredService<ICatalog>();

        Assert.Throws<ArgumentException>("items", () => catalog.Replace([new CatalogItem { Key = "a" }, new CatalogItem { Key = "a" }]));

        Assert.Equal(TestCatalog.Items.Count, catalog.Count);
    }

    [Fact]
    public void Replace_with_null_attributes_is_an_argument_error_naming_the_item_and_the_old_catalog_stays()
    {
        using var sdk = new TestSdk();
        var version = sdk.Catalog.Version;

        var failure = Assert.Throws<ArgumentException>("items", () => sdk.Catalog.Replace([new CatalogItem { Key = "ok" }, new CatalogItem { Key = "no-attributes", Attributes = null! }]));

        Assert.Contains("'no-attributes'", failure.Message, StringComparison.Ordinal);
        Assert.Equal((version, TestCatalog.Items.Count), (sdk.Catalog.Version, sdk.Catalog.Count));
    }

    [Fact]
    public void Replace_with_a_null_attribute_value_is_an_argument_error_naming_the_item_and_the_attribute()
    {
        using var sdk = new TestSdk();
        var version = sdk.Catalog.Version;
        var item = new CatalogItem { Key = "tent", Attributes = new Dictionary<string, string> { ["colour"] = "green", ["brand"] = null! } };

        var failure = Assert.Throws<ArgumentException>("items", () => sdk.Catalog.Replace([item]));

        Assert.Contains("'tent'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'brand'", failure.Message, StringComparison.Ordinal);
        Assert.Equal((version, TestCatalog.Items.Count), (sdk.Catalog.Version, sdk.Catalog.Count));
    }

    [Fact]
    public void A_catalog_stream_repeating_a_key_is_a_format_error_and_the_old_catalog_stays()
    {
        using var sdk = new TestSdk();
        var json = """{ "items": [ { "key": "a" }, { "key": "b" }, { "key": "a" } ] }""";

        var failure = Assert.Throws<CatalogFormatException>(() => sdk.Catalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        Assert.Contains("items 0 and 2 share the key 'a'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TestCatalog.Items.Count, sdk.Catalog.Count);
    }

    [Fact]
    public void A_catalog_stream_repeating_a_key_names_the_line_of_the_second_item()
    {
        using var sdk = new TestSdk();
        var version = sdk.Catalog.Version;
        var json = "{ \"items\": [\n  { \"key\": \"a\" },\n  { \"key\": \"a\" }\n] }";

        var failure = Assert.Throws<CatalogFormatException>(() => sdk.Catalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        Assert.Equal(3, failure.LineNumber);
        Assert.NotNull(failure.BytePositionInLine);
        Assert.Contains("line 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("items 0 and 1 share the key 'a'", failure.Message, StringComparison.Ordinal);
        Assert.Equal((version, TestCatalog.Items.Count), (sdk.Catalog.Version, sdk.Catalog.Count));
    }

    [Theory]
    [InlineData("""{ "items": [ { "key": "a" }, { "key": "a" } ] }""", "malformed")]
    [InlineData("""{ "items": [ { "key": "from-code" } ] }""", "key_clash")]
    [InlineData("""{ "items": [ { "key": "a", "key": "b" } ] }""", "malformed")]
    public void At_start_a_catalog_file_that_repeats_a_key_is_logged_counted_and_left_out_whole(string json, string reason)
    {
        using var file = new TempCatalogFile(json);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddPersonalization().AddCatalog([new CatalogItem { Key = "from-code" }]).AddCatalogFile(file.Path);
        using var provider = services.BuildServiceProvider();
        using var rejected = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.catalog.files_rejected");

        var decision = provider.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest("u"));

        Assert.Equal(["from-code"], decision.Items.Select(i => i.ItemKey));
        var error = Assert.Single(logs.GetSnapshot(), record => record.Level == LogLevel.Error);
        Assert.IsType<CatalogFormatException>(error.Exception);
        Assert.Contains(file.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal(reason, Assert.Single(rejected.GetMeasurementSnapshot()).Tags["reason"]);
    }
}
