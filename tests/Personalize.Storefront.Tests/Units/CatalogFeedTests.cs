using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk;
using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Tests.Units;

public sealed class CatalogFeedTests
{
    /// <summary>A catalog whose Replace fails (an observer, a per-item state, an out-of-memory build...).</summary>
    private sealed class FailingCatalog : ICatalog
    {
        public int Replaced;

        public int Count => 0;

        public long Version => 0;

        public bool TryGetItem(string key, [NotNullWhen(true)] out CatalogItem? item)
        {
            item = null;
            return false;
        }

        public void Replace(IEnumerable<CatalogItem> items)
        {
            Replaced++;
            throw new InvalidOperationException("the build failed");
        }

        public void Load(Stream utf8Json) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_feed_whose_replace_throws_never_throws_out_of_its_timer_and_tries_again_next_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var catalog = new FailingCatalog();
        using var feed = new CatalogFeed(new ProductCatalog(), catalog, clock, NullLogger<CatalogFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);

        // On TimeProvider.System this callback runs on a thread-pool timer: an exception out of it ends the process.
        var escaped = Record.Exception(() => clock.Advance(CatalogFeed.Interval));
        Record.Exception(() => clock.Advance(CatalogFeed.Interval));

        Assert.Null(escaped);
        Assert.Equal(2, catalog.Replaced);
    }
}
