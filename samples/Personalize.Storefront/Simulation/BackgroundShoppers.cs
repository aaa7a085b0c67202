using Personalize.Sdk;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Simulation;

/// <summary>
/// Other shoppers, replayed through the SDK before the store opens, so popularity, next-step links
/// and the holdout's lift mean something from the very first request. Each shopper keeps mostly
/// to a favourite shelf, as real browsing does, sees the home page's recommendations (an exposure)
/// and sometimes buys one that suits them: which happens more often when the page is personalized.
/// A shopper who buys passes the cart, where "goes well with your cart" may add one more, and lands
/// on the thank-you page, whose "what's next" they sometimes click: tracked outcomes of shown items,
/// which the two learning pages (see <see cref="Learning.StorefrontLearning"/>) learn from.
/// </summary>
public sealed class BackgroundShoppers(IPersonalizer personalizer, ProductCatalog catalog)
{
    /// <summary>A demo account with a history in coffee and kitchen, to sign in as.</summary>
    public const string DemoAccount = "alice@example.com";

    private static readonly Dictionary<string, double> ShelfWeights = new(StringComparer.Ordinal)
    {
        ["hiking"] = 1.1,
        ["camping"] = 1.0,
        ["kitchen"] = 1.2,
        ["coffee"] = 1.3,
        ["books"] = 0.9,
        ["garden"] = 0.7,
        ["running"] = 0.8,
        ["cycling"] = 0.7,
        ["music"] = 0.8,
        ["home"] = 1.0,
        ["games"] = 0.6,
        ["photography"] = 0.6,
    };

    /// <summary>Where a shopper's browsing wanders next: the shelf people visit after this one.</summary>
    private static readonly Dictionary<string, string> Companions = new(StringComparer.Ordinal)
    {
        ["hiking"] = "camping",
        ["camping"] = "hiking",
        ["kitchen"] = "coffee",
        ["coffee"] = "kitchen",
        ["books"] = "coffee",
        ["garden"] = "home",
        ["running"] = "cycling",
        ["cycling"] = "running",
        ["music"] = "home",
        ["home"] = "garden",
        ["games"] = "books",
        ["photography"] = "hiking",
    };

    private readonly Lock _live = new();

    // Live shoppers are this run's own: named and seeded by it, so two servers sharing a Redis (or a
    // server restarted against it) send different shoppers, never the same ones merged in the journal.
    private readonly int _liveRun = Random.Shared.Next();
    private Random? _liveBrowsing;
    private Random? _liveCheckout;
    private int _liveShoppers;

    /// <summary>Replays <paramref name="shoppers"/> shoppers and the demo account, the same for the same seed.</summary>
    /// <param name="shoppers">How many shoppers.</param>
    /// <param name="seed">The seed of their choices.</param>
    public void Replay(int shoppers, int seed)
    {
        var random = new Random(seed);

        // The checkout's choices draw from their own sequence, so the browsing above stays what it was.
        var checkout = new Random(unchecked((seed * 31) + 7));
        for (var i = 0; i < shoppers; i++)
        {
            Shop($"shopper-{i:00000}", random, checkout);
        }

        foreach (var key in new[] { "coffee-01", "coffee-02", "kitchen-01", "coffee-05" })
        {
            personalizer.Track(PersonalizationEvent.View(DemoAccount, key));
        }

        personalizer.Track(PersonalizationEvent.Purchase(DemoAccount, "kitchen-02", revenue: 58.99m));
    }

    /// <summary>
    /// Lets <paramref name="count"/> more shoppers shop now, as the replayed ones did: the
    /// <c>live-shoppers</c> setting sends some every second, so the learning pages keep moving. Each
    /// server run sends its own shoppers (<c>live-{run}-{n}</c>).
    /// </summary>
    /// <param name="count">How many shoppers arrive.</param>
    public void Arrive(int count)
    {
        lock (_live)
        {
            _liveBrowsing ??= new Random(_liveRun);
            _liveCheckout ??= new Random(unchecked((_liveRun * 31) + 7));
            for (var i = 0; i < count; i++)
            {
                Shop($"live-{_liveRun:x8}-{++_liveShoppers:000000}", _liveBrowsing, _liveCheckout);
            }
        }
    }

    private void Shop(string shopper, Random random, Random checkout)
    {
        var favourite = PickShelf(random);
        var current = PickByAppeal(catalog.InCategory(favourite), random);
        List<Product> viewed = [current];
        personalizer.Track(PersonalizationEvent.View(shopper, current.Key));
        for (var step = 2 + random.Next(4); step > 0; step--)
        {
            current = Next(current, favourite, random);
            viewed.Add(current);
            personalizer.Track(PersonalizationEvent.View(shopper, current.Key));
        }

        var home = personalizer.Rank(new PersonalizationRequest(shopper) { Placement = StorefrontPlacements.Home, Count = 8 });
        foreach (var item in home.Items.Take(4))
        {
            var product = Find(item.ItemKey);
            var suits = product.Category == favourite || product.Category.Slug == Companions[favourite.Slug];
            if (suits && random.NextDouble() < 0.05)
            {
                personalizer.Track(PersonalizationEvent.Click(shopper, product.Key));
                if (random.NextDouble() < 0.5)
                {
                    Buy(shopper, product, favourite, checkout);
                }

                break;
            }
        }

        if (random.NextDouble() < 0.1)
        {
            var bought = viewed[random.Next(viewed.Count)];
            Buy(shopper, bought, favourite, checkout);
        }
    }

    /// <summary>
    /// Checks out: the cart suggests what goes with the product, and one from their favourite shelf
    /// is sometimes added (they buy what they came for); the thank-you page's "what's next" is
    /// sometimes clicked when it is from their favourite shelf. The higher a suggestion is, the
    /// likelier it is to be looked at: an item's chance halves with each place down. Kept to the
    /// favourite shelf and to carts and clicks, so the store's popularity and "often chosen after"
    /// links stay much as the browsing above made them.
    /// </summary>
    private void Buy(string shopper, Product product, Category favourite, Random checkout)
    {
        var cart = personalizer.Rank(new PersonalizationRequest(shopper)
        {
            Placement = StorefrontPlacements.Cart,
            Count = 4,
            Candidates = catalog.Products.Where(candidate => candidate != product).Select(candidate => candidate.Key).ToArray(),
        });
        if (Pick(cart, favourite, checkout, chance: 0.15) is { } extra)
        {
            personalizer.Track(PersonalizationEvent.AddToCart(shopper, extra.Key));
        }

        personalizer.Track(PersonalizationEvent.Purchase(shopper, product.Key, revenue: product.Price));
        var thanks = personalizer.Rank(new PersonalizationRequest(shopper) { Placement = StorefrontPlacements.Thanks, Count = 4 });
        if (Pick(thanks, favourite, checkout, chance: 0.2) is { } next)
        {
            personalizer.Track(PersonalizationEvent.Click(shopper, next.Key));
        }
    }

    /// <summary>The first suggestion the shopper acts on, top down, or null.</summary>
    private Product? Pick(Decision decision, Category favourite, Random checkout, double chance)
    {
        foreach (var item in decision.Items)
        {
            var product = Find(item.ItemKey);
            if (product.Category == favourite && checkout.NextDouble() < chance)
            {
                return product;
            }

            chance /= 2;
        }

        return null;
    }

    /// <summary>Half the time the next product on the shelf, sometimes the companion shelf's, else any favourite.</summary>
    private Product Next(Product current, Category favourite, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.5)
        {
            var shelf = catalog.InCategory(current.Category);
            return shelf[(current.Position + 1) % shelf.Count];
        }

        if (roll < 0.7 && catalog.TryGetCategory(Companions[current.Category.Slug], out var companion))
        {
            var shelf = catalog.InCategory(companion);
            return shelf[current.Position % shelf.Count];
        }

        return PickByAppeal(catalog.InCategory(favourite), random);
    }

    private Category PickShelf(Random random)
    {
        var roll = random.NextDouble() * ShelfWeights.Values.Sum();
        foreach (var category in catalog.Categories)
        {
            roll -= ShelfWeights[category.Slug];
            if (roll <= 0)
            {
                return category;
            }
        }

        return catalog.Categories[^1];
    }

    /// <summary>The first products of a shelf are its best sellers, and deals draw extra attention.</summary>
    private static Product PickByAppeal(IReadOnlyList<Product> shelf, Random random)
    {
        static double Appeal(Product product) => (product.IsPromotional ? 1.8 : 1.0) / (1 + (0.35 * product.Position));
        var roll = random.NextDouble() * shelf.Sum(Appeal);
        foreach (var product in shelf)
        {
            roll -= Appeal(product);
            if (roll <= 0)
            {
                return product;
            }
        }

        return shelf[^1];
    }

    private Product Find(string key) =>
        catalog.TryGetProduct(key, out var product) ? product : throw new InvalidOperationException($"The SDK ranked '{key}', which the store does not sell.");
}
