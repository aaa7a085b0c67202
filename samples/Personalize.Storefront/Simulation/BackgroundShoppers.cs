using Personalize.Sdk;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Simulation;

/// <summary>
/// Other shoppers, replayed through the SDK before the store opens, so popularity, next-step links
/// and the holdout's lift mean something from the very first request. Each shopper keeps mostly
/// to a favourite shelf, as real browsing does, sees the home page's recommendations (an exposure)
/// and sometimes buys one that suits them: which happens more often when the page is personalized.
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

    /// <summary>Replays <paramref name="shoppers"/> shoppers and the demo account, the same for the same seed.</summary>
    /// <param name="shoppers">How many shoppers.</param>
    /// <param name="seed">The seed of their choices.</param>
    public void Replay(int shoppers, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < shoppers; i++)
        {
            Shop($"shopper-{i:00000}", random);
        }

        foreach (var key in new[] { "coffee-01", "coffee-02", "kitchen-01", "coffee-05" })
        {
            personalizer.Track(PersonalizationEvent.View(DemoAccount, key));
        }

        personalizer.Track(PersonalizationEvent.Purchase(DemoAccount, "kitchen-02", revenue: 58.99m));
    }

    private void Shop(string shopper, Random random)
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
                    personalizer.Track(PersonalizationEvent.Purchase(shopper, product.Key, revenue: product.Price));
                }

                break;
            }
        }

        if (random.NextDouble() < 0.1)
        {
            var bought = viewed[random.Next(viewed.Count)];
            personalizer.Track(PersonalizationEvent.Purchase(shopper, bought.Key, revenue: bought.Price));
        }
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
