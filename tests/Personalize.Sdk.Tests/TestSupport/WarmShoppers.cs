using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>The warm SDK of the allocation tests: shoppers with history, a stitched account with every kind of statement, a 20% holdout on "home".</summary>
internal static class WarmShoppers
{
    /// <summary>Ten shoppers' views; on the test catalog, a stitched account with every kind of history.</summary>
    public static TestSdk WarmSdk(Action<PersonalizationOptions>? configure = null, Action<PersonalizationBuilder>? build = null, IEnumerable<CatalogItem>? catalog = null)
    {
        var sdk = new TestSdk(configure, builder =>
        {
            builder.AddHoldout("home", 2_000);
            build?.Invoke(builder);
        }, catalog);
        var items = (catalog ?? TestCatalog.Items).ToArray();
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            sdk.View($"shopper-{random.Next(10)}", items[random.Next(items.Length)].Key);
        }

        if (catalog is null)
        {
            sdk.View("guest", "books-1", "books-2");
            sdk.Personalizer.Identify("guest", "account");
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("account", "garden-1"));
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss("account", "kitchen-1"));
            sdk.Personalizer.Track(PersonalizationEvent.Complaint("account"));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("account", "hiking", likes: true));
            sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("account", "brand", "Globex", likes: false));
        }

        return sdk;
    }

    public static string TreatedMember(TestSdk sdk)
    {
        for (var i = 0; ; i++)
        {
            var key = $"member-{i}";
            sdk.View(key, "books-1", "hiking-2", "garden-3", "hiking-3", "kitchen-2", "books-3");
            sdk.Personalizer.Track(PersonalizationEvent.Purchase(key, "garden-1"));
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss(key, "kitchen-1"));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(key, "hiking", likes: true));
            sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference(key, "brand", "Globex", likes: false));
            sdk.Personalizer.Rank(new PersonalizationRequest(key), new RankedItem[1], out var info);
            if (info.Variant == DecisionVariant.Personalized)
            {
                return key;
            }
        }
    }
}
