using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>Issue 17 item 5: the order in which an item of a row takes its reason, each sentence of README and the XML docs checked literally.</summary>
public sealed class ReasonOrderTests
{
    private static readonly IReadOnlyList<CatalogItem> Catalog = CoffeeAndTea.Items;

    /// <summary>
    /// README: "an item whose largest contribution would say what an item above it already said cites
    /// the next fact behind it (another recent item it came from, then its next largest contribution's
    /// reason), then the line a signal shares with many items ("Because you like coffee", ...)".
    /// </summary>
    [Theory, AutoData]
    public void Once_the_viewed_coffees_are_cited_the_next_contributions_reason_comes_before_the_shared_because_you_like_coffee(string user)
    {
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.CategoryAffinity, 1f), (BuiltInSignals.Popularity, 0.1f)), catalog: Catalog);
        sdk.View("fan", "coffee-2", "coffee-2", "coffee-2", "coffee-3", "coffee-3", "coffee-4");
        sdk.View(user, "coffee-1", "coffee-1", "coffee-1");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "coffee-2", "coffee-3", "coffee-4" }, Count = 3 }).Explanation!.Items;

        Assert.Equal(["coffee-2", "coffee-3", "coffee-4"], items.Select(item => item.ItemKey));
        Assert.All(items, item => Assert.Equal([BuiltInSignals.CategoryAffinity, BuiltInSignals.Popularity], item.Contributions.Where(c => c.Contribution > 0f).Select(c => c.Signal)));

        // coffee-3 has no other viewed coffee to cite: its next largest contribution's reason, popularity's, comes next;
        // "Because you like coffee", the line shared with many items, only after it.
        Assert.Equal("Because you viewed Coffee 1", items[0].Reason);
        Assert.Equal("Popular right now", items[1].Reason);
    }

    /// <summary>
    /// README: "a next-step reason names the recent item whose link contributes most to it" and the
    /// shared line is what an item "repeats only when it has nothing else to say"; the XML doc of
    /// Reason: "then the line a signal shares with many items (...), repeated only when nothing else is left".
    /// </summary>
    [Theory, AutoData]
    public void An_item_with_nothing_new_to_say_does_not_repeat_its_weakest_link(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence), catalog: Catalog);
        foreach (var next in new[] { "coffee-5", "coffee-6", "coffee-7", "coffee-8" })
        {
            sdk.View($"after-tea-{next}", "tea-1", next);
            sdk.View($"after-tea2-{next}", "tea-1", next);
            sdk.View($"after-tea3-{next}", "tea-1", next);
            sdk.View($"after-coffee-{next}", "coffee-1", next);
        }

        // tea-1 is the newest: its links count fully, coffee-1's half, and they are stronger too.
        sdk.View(user, "coffee-1", "tea-1");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "coffee-5", "coffee-6", "coffee-7", "coffee-8" }, Count = 4 }).Explanation!.Items;
        var reasons = items.Select(item => item.Reason).ToList();

        Assert.Equal(["Often chosen after Tea 1", "Often chosen after Coffee 1", "Often chosen next"], reasons.Take(3));

        // The fourth has nothing left to say. Repeating is allowed, but not a reason that names the
        // recent item whose link contributes LEAST to it: either the shared line or the strongest link.
        Assert.Contains(reasons[3], new[] { "Often chosen next", "Often chosen after Tea 1" });
    }

    /// <summary>
    /// README: a Reason "written from the profile and catalog behind that item's own largest contribution";
    /// only "an item whose largest contribution would say what an item above it already said" cites something else.
    /// The first item of a row has nothing above it.
    /// </summary>
    [Theory, AutoData]
    public void The_first_item_ranked_by_context_reads_the_context_reason_not_its_smaller_popularity(string user)
    {
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.Context, 1f), (BuiltInSignals.Popularity, 0.1f)), catalog: Catalog);
        sdk.View("fan", "coffee-2", "coffee-2", "coffee-3");
        sdk.View(user, "tea-1", "tea-2", "tea-3");

        var first = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "coffee-2", "coffee-3" }, Count = 2, Context = new RequestContext { Device = "mobile" } })
            .Explanation!.Items[0];

        Assert.Equal("coffee-2", first.ItemKey);
        Assert.Equal(BuiltInSignals.Context, first.Contributions[0].Signal);
        Assert.True(first.Contributions[0].Contribution > first.Contributions[1].Contribution);
        Assert.Equal("Suited to where you are", first.Reason);
    }

    /// <summary>
    /// Same promise, for a next-step contribution whose only link comes from an item the person dismissed:
    /// the dismissed item may not be cited, but the reason still comes from the largest contribution.
    /// </summary>
    [Theory, AutoData]
    public void The_first_item_ranked_by_a_next_step_from_a_dismissed_item_reads_often_chosen_next(string user)
    {
        using var sdk = new TestSdk(TestSdk.WeighForEveryone((BuiltInSignals.CoOccurrence, 1f), (BuiltInSignals.Popularity, 0.1f)), catalog: Catalog);
        sdk.View("a", "coffee-1", "coffee-5");
        sdk.View("b", "coffee-1", "coffee-5");
        sdk.View("c", "coffee-6", "coffee-6", "coffee-6");
        sdk.View(user, "tea-1", "tea-2", "coffee-1");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "coffee-1"));

        var first = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "coffee-5", "coffee-6" }, Count = 2 })
            .Explanation!.Items[0];

        Assert.Equal("coffee-5", first.ItemKey);
        Assert.Equal(BuiltInSignals.CoOccurrence, first.Contributions[0].Signal);
        Assert.True(first.Contributions[0].Contribution > first.Contributions[1].Contribution);
        Assert.DoesNotContain("Coffee 1", first.Reason, StringComparison.Ordinal);
        Assert.Equal("Often chosen next", first.Reason);
    }

    /// <summary>
    /// A reason is true of its item: "Popular right now" is popularity's sentence, and the item's own
    /// explanation shows popularity contributed 0 to it (its decayed popularity, next to a fresh hit's, is 0).
    /// </summary>
    [Theory, AutoData]
    public void An_item_popularity_contributed_nothing_to_is_not_called_popular_right_now(string user)
    {
        using var sdk = new TestSdk(
            TestSdk.WeighForEveryone((BuiltInSignals.CategoryPopularity, 1f), (BuiltInSignals.Popularity, 1f)).Then(options =>
            {
                options.PopularityHalfLife = TimeSpan.FromHours(1);
                options.TrendHalfLife = TimeSpan.FromMinutes(30);
            }),
            catalog: Catalog);
        sdk.View("old-fan", "tea-1", "tea-2");
        sdk.Time.Advance(TimeSpan.FromHours(200));
        sdk.View("new-fan", "coffee-1");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "coffee-1", "tea-1", "tea-2" }, Count = 3 }).Explanation!.Items;

        var tea2 = items.Single(item => item.ItemKey == "tea-2");
        Assert.Equal(0f, tea2.Contributions.Single(c => c.Signal == BuiltInSignals.Popularity).Contribution);
        Assert.True(tea2.Contributions.Single(c => c.Signal == BuiltInSignals.CategoryPopularity).Contribution > 0f);
        Assert.All(items.Where(item => item.Contributions.Single(c => c.Signal == BuiltInSignals.Popularity).Contribution <= 0f), item =>
            Assert.False(item.Reason == "Popular right now", $"{item.ItemKey}: {item.Reason}; popularity contributed {item.Contributions.Single(c => c.Signal == BuiltInSignals.Popularity).Contribution}"));
    }
}
