using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>
/// The guardrails that protect the user from their own past (stated dislikes, recent purchases)
/// keep protecting them however much else the profile's bounded tables take in; past their own
/// bounds the oldest goes, and is counted.
/// </summary>
public sealed class GuardrailMemoryTests
{
    private static readonly CatalogItem[] Items = [.. Enumerable.Range(0, 600).Select(i => new CatalogItem { Key = $"item-{i}", Category = $"cat-{i}", Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i}" } })];

    [Theory]
    [InlineData(ProfileData.LikeSlots)]
    [InlineData(200)]
    public void A_stated_dislike_keeps_removing_its_items_after_any_number_of_likes(int laterLikes)
    {
        using var sdk = Sdk();
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-0", likes: false));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("u", "brand", "brand-1", likes: false));
        for (var i = 2; i < laterLikes + 2; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: true));
        }

        Assert.Equal(["item-2"], Shown(sdk, "u", "item-0", "item-1", "item-2"));
        Assert.Equal(ProfileData.LikeSlots, sdk.Personalizer.GetPersonalData("u").Profile!.StatedPreferences.Count(p => p.Likes));
    }

    [Fact]
    public void Signing_in_keeps_the_accounts_stated_dislike_whatever_the_guest_liked()
    {
        using var sdk = Sdk();
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("account", "cat-0", likes: false));
        for (var i = 1; i <= ProfileData.LikeSlots + 4; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("guest", $"cat-{i}", likes: true));
        }

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        Assert.Equal(["item-1"], Shown(sdk, "account", "item-0", "item-1"));
    }

    [Fact]
    public void A_like_turned_dislike_is_kept_with_the_dislikes()
    {
        using var sdk = Sdk();
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-0", likes: true));
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-0", likes: false));
        for (var i = 1; i <= ProfileData.LikeSlots + 4; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: true));
        }

        Assert.Empty(Shown(sdk, "u", "item-0"));
    }

    [Fact]
    public void Past_the_dislikes_bound_the_oldest_dislike_goes_and_is_counted()
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.dislikes_dropped");
        for (var i = 0; i < ProfileData.DislikeSlots + 1; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: false));
        }

        Assert.Equal(["item-0"], Shown(sdk, "u", "item-0", "item-1", $"item-{ProfileData.DislikeSlots}"));
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(ProfileData.PurchaseSlots)]
    public void A_bought_item_stays_out_for_the_window_however_many_purchases_follow_within_the_bound(int purchases)
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.purchases_dropped");
        Buy(sdk, "u", Enumerable.Range(0, purchases));

        Assert.Empty(Shown(sdk, "u", "item-0"));
        Assert.Empty(dropped.GetMeasurementSnapshot());
    }

    [Fact]
    public void Past_the_purchases_bound_the_oldest_purchase_goes_and_is_counted()
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.purchases_dropped");
        Buy(sdk, "u", Enumerable.Range(0, ProfileData.PurchaseSlots + 1));

        Assert.Equal(["item-0"], Shown(sdk, "u", "item-0", "item-1"));
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void Signing_in_unions_the_purchases_of_both_within_the_bound_and_counts_what_goes()
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.purchases_dropped");
        Buy(sdk, "account", Enumerable.Range(0, 100));
        Buy(sdk, "guest", Enumerable.Range(100, ProfileData.PurchaseSlots - 100 + 2));

        sdk.Personalizer.Identify("guest", "account");

        Assert.Equal(["item-0", "item-1"], Shown(sdk, "account", "item-0", "item-1", "item-2", "item-100"));
        Assert.Equal(2, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private static TestSdk Sdk()
    {
        var sdk = new TestSdk(options => options.MaxCount = 1_000);
        sdk.Catalog.Replace(Items);
        return sdk;
    }

    /// <summary>Buys the items one minute apart, in the order given.</summary>
    private static void Buy(TestSdk sdk, string user, IEnumerable<int> items)
    {
        foreach (var item in items)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.Purchase(user, $"item-{item}"));
        }
    }

    private static string[] Shown(TestSdk sdk, string user, params string[] candidates) =>
        [.. sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = candidates.Length, Candidates = candidates }).Items.Select(item => item.ItemKey).Order(StringComparer.Ordinal)];
}
