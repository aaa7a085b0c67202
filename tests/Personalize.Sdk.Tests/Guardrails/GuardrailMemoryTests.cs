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
[Collection(AllocationCollection.Name)]
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

    // "past 256 dislikes the oldest goes" (BuiltInGuardrails.StatedDislike, README): a replayed
    // (backdated) dislike older than every kept one is the oldest, so it is the one that goes.
    [Fact]
    public void A_backdated_dislike_past_the_bound_does_not_push_out_a_newer_dislike()
    {
        using var sdk = Sdk();
        var longAgo = sdk.Time.GetUtcNow() - TimeSpan.FromDays(365);
        for (var i = 0; i < ProfileData.DislikeSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: false));
        }

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-500", likes: false) with { Timestamp = longAgo });

        // cat-0 (a minute after the start) is newer than cat-500 (a year before): cat-0 must still be removed.
        Assert.Equal(["item-500"], Shown(sdk, "u", "item-0", "item-500"));
    }

    // The same at sign-in: the guest's dislike is older than all 256 of the account's.
    [Fact]
    public void At_sign_in_a_guests_older_dislike_does_not_push_out_the_accounts_newer_one()
    {
        using var sdk = Sdk();
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("guest", "cat-500", likes: false));
        for (var i = 0; i < ProfileData.DislikeSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("account", $"cat-{i}", likes: false));
        }

        sdk.Personalizer.Identify("guest", "account");

        Assert.Equal(["item-500"], Shown(sdk, "account", "item-0", "item-500"));
    }

    // "a like makes room only among the likes (the oldest goes)": a backdated like is the oldest.
    [Fact]
    public void A_backdated_like_past_the_bound_does_not_push_out_a_newer_like()
    {
        using var sdk = Sdk();
        var longAgo = sdk.Time.GetUtcNow() - TimeSpan.FromDays(365);
        for (var i = 0; i < ProfileData.LikeSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: true));
        }

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-500", likes: true) with { Timestamp = longAgo });

        var liked = sdk.Personalizer.GetPersonalData("u").Profile!.StatedPreferences.Where(p => p.Likes).Select(p => p.Name).ToHashSet();
        Assert.Contains("cat-0", liked);
        Assert.DoesNotContain("cat-500", liked);
    }

    // A like turned dislike when the dislikes are full: the oldest dislike goes, and is counted.
    [Fact]
    public void A_like_turned_dislike_at_the_dislikes_bound_pushes_out_the_oldest_dislike_and_is_counted()
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.dislikes_dropped");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-500", likes: true));
        for (var i = 0; i < ProfileData.DislikeSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", $"cat-{i}", likes: false));
        }

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "cat-500", likes: false));

        var statements = sdk.Personalizer.GetPersonalData("u").Profile!.StatedPreferences;
        Assert.Equal(ProfileData.DislikeSlots, statements.Count(p => !p.Likes));
        Assert.Equal(["item-0"], Shown(sdk, "u", "item-0", "item-1", "item-500"));
        Assert.Equal(1, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    // "counted in personalize.profiles.dislikes_dropped ... at a sign-in merge too".
    [Fact]
    public void Signing_in_counts_the_dislikes_that_go()
    {
        using var sdk = Sdk();
        using var dropped = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.dislikes_dropped");
        for (var i = 0; i < ProfileData.DislikeSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("account", $"cat-{i}", likes: false));
        }

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("guest", "cat-500", likes: false));
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("guest", "cat-501", likes: false));

        sdk.Personalizer.Identify("guest", "account");

        Assert.Equal(["item-0", "item-1"], Shown(sdk, "account", "item-0", "item-1", "item-2", "item-500", "item-501"));
        Assert.Equal(2, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    // A warm decision for a person with 256 purchases and 200 dislikes allocates nothing.
    [Fact]
    public void A_warm_decision_for_a_heavy_user_allocates_nothing()
    {
        using var sdk = Sdk();
        for (var i = 0; i < ProfileData.PurchaseSlots; i++)
        {
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("heavy", $"item-{i}"));
        }

        for (var i = 0; i < 200; i++)
        {
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("heavy", $"cat-{300 + i}", likes: false));
        }

        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("heavy");
        sdk.Personalizer.Rank(request, buffer, out var info);
        sdk.Personalizer.Rank(request, buffer, out _);

        var bytes = Allocations.Fewest(i => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(DecisionVariant.Personalized, info.Variant);
        Assert.Equal(0, bytes);
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
