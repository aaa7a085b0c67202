using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>The reason a similar-items contribution gives: "Liked by people who liked" the user's own item that links to it most.</summary>
public sealed class SimilarItemsReasonTests
{
    /// <summary>
    /// Three readers take books-1 and garden-2, one walker hiking-1 and garden-2, eight hikers
    /// hiking-1 and kitchen-2; the user takes books-1 then hiking-1, and the timer publishes the
    /// table. By hand: n(books-1) = 4, n(hiking-1) = 10, n(garden-2) = 4, n(kitchen-2) = 8, so
    /// garden-2's similarity from books-1, 3 / (4^0.5 · 4^0.25) = 1.06, beats the one from hiking-1,
    /// the newer item: 1 / (10^0.5 · 4^0.25) = 0.22; yet hiking-1 has the stronger link of all,
    /// to kitchen-2: 8 / (10^0.5 · 8^0.25) = 1.50.
    /// </summary>
    private static TestSdk BooksOutweighHiking(string user)
    {
        var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems));
        for (var i = 0; i < 3; i++)
        {
            sdk.View($"reader-{i}", "books-1", "garden-2");
        }

        for (var i = 0; i < 8; i++)
        {
            sdk.View($"hiker-{i}", "hiking-1", "kitchen-2");
        }

        sdk.View("walker", "hiking-1", "garden-2");
        sdk.View(user, "books-1", "hiking-1");
        sdk.Time.Advance(SimilarItems.RefreshInterval);
        return sdk;
    }

    /// <summary>Explains a decision over <paramref name="candidates"/>, or the whole catalog when none are given.</summary>
    private static IReadOnlyList<ItemExplanation> Explain(TestSdk sdk, string user, params string[] candidates) =>
        sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16, Candidates = candidates.Length > 0 ? candidates : null }).Explanation!.Items;

    [Theory, AutoData]
    public void A_similar_items_reason_names_the_users_item_whose_link_to_it_is_strongest_not_the_newest_nor_the_most_linked(string user)
    {
        using var sdk = BooksOutweighHiking(user);

        var items = Explain(sdk, user);
        var garden = items.Single(i => i.ItemKey == "garden-2");

        Assert.Equal(BuiltInSignals.SimilarItems, garden.Contributions[0].Signal);
        Assert.True(garden.Contributions[0].Contribution > 0f);
        Assert.Equal("Liked by people who liked Books item 1", garden.Reason);
        Assert.Equal("Liked by people who liked Hiking item 1", items.Single(i => i.ItemKey == "kitchen-2").Reason);
    }

    [Theory, AutoData]
    public void A_similar_items_reason_never_cites_an_item_the_user_dismissed(string user)
    {
        using var sdk = BooksOutweighHiking(user);
        Assert.Equal("Liked by people who liked Books item 1", Explain(sdk, user).Single(i => i.ItemKey == "garden-2").Reason);

        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "books-1"));

        // books-1 still links the user to garden-2 (the score keeps it), but the reason names the next link
        // (asked alone: in the whole row, kitchen-2 above it already names hiking-1).
        var garden = Assert.Single(Explain(sdk, user, "garden-2"));
        Assert.Equal(BuiltInSignals.SimilarItems, garden.Contributions[0].Signal);
        Assert.Equal("Liked by people who liked Hiking item 1", garden.Reason);
        Assert.All(Explain(sdk, user), item => Assert.DoesNotContain("Books item 1", item.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineAutoData(true)]
    [InlineAutoData(false)]
    public void A_similar_items_reason_never_cites_an_item_from_before_the_user_was_forgotten(bool erased, string user)
    {
        // Were books-1 still the user's, garden-2's reason would name it: its three links outweigh hiking-1's one.
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems));
        for (var i = 0; i < 3; i++)
        {
            sdk.View($"reader-{i}", "books-1", "garden-2");
        }

        sdk.View("walker", "hiking-1", "garden-2");
        sdk.View(user, "books-1");
        if (erased)
        {
            Assert.True(sdk.Personalizer.Forget(user));
        }
        else
        {
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(user));
            sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(user, ConsentFlags.Personalization));
        }

        // The user's books-1 stays in the published sums over people; their profile no longer has it.
        sdk.View(user, "hiking-1");
        sdk.Time.Advance(SimilarItems.RefreshInterval);

        var items = Explain(sdk, user);
        Assert.Equal("Liked by people who liked Hiking item 1", items.Single(i => i.ItemKey == "garden-2").Reason);
        Assert.All(items, item => Assert.DoesNotContain("Books item 1", item.Reason, StringComparison.Ordinal));
    }

    /// <summary>
    /// Pins that a decision's reason comes from the table its score came from. Twenty more walkers
    /// take hiking-1 then garden-2 after table A is published, so in table B garden-2's strongest
    /// link is hiking-1's (21 / (30^0.5 · 24^0.25) = 1.73 against books-1's 3 / (4^0.5 · 24^0.25) = 0.68).
    /// A signal that runs after similar-items publishes table B mid-decision: had the reason read the
    /// model again, it would name Hiking item 1 while the score came from table A.
    /// </summary>
    [Theory, AutoData]
    public void A_similar_items_reason_comes_from_the_table_the_score_came_from_even_if_a_new_one_is_published_meanwhile(string user)
    {
        var publisher = new PublishingSignal();
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems), builder => builder.AddSignal(publisher, 0.01f));
        for (var i = 0; i < 3; i++)
        {
            sdk.View($"reader-{i}", "books-1", "garden-2");
        }

        sdk.View("walker", "hiking-1", "garden-2");
        sdk.View(user, "books-1", "hiking-1");
        sdk.Time.Advance(SimilarItems.RefreshInterval);
        for (var i = 0; i < 20; i++)
        {
            sdk.View($"walker-{i}", "hiking-1", "garden-2");
        }

        publisher.Publish = () => sdk.Time.Advance(SimilarItems.RefreshInterval);

        var garden = Explain(sdk, user).Single(i => i.ItemKey == "garden-2");

        Assert.Null(publisher.Publish);
        Assert.Equal(BuiltInSignals.SimilarItems, garden.Contributions[0].Signal);
        Assert.Equal("Liked by people who liked Books item 1", garden.Reason);

        // Table B was published: the next decision scores and explains from it.
        Assert.Equal("Liked by people who liked Hiking item 1", Explain(sdk, user).Single(i => i.ItemKey == "garden-2").Reason);
    }

    [Theory, AutoData]
    public void Items_of_one_row_each_give_the_reason_of_their_own_strongest_contribution(string user)
    {
        using var sdk = new TestSdk(options => TestSdk.WeighOnly(options, (BuiltInSignals.SimilarItems, 1f), (BuiltInSignals.Popularity, 0.5f)));
        sdk.View("reader-1", "books-1", "kitchen-4");
        sdk.View("reader-2", "books-1", "kitchen-4");
        sdk.View("walker-1", "hiking-1", "garden-2");
        sdk.View("walker-2", "hiking-1", "garden-2");
        sdk.View("fans", "kitchen-1", "kitchen-1", "kitchen-1", "kitchen-1", "kitchen-1");
        sdk.View(user, "hiking-1", "books-1");
        sdk.Time.Advance(SimilarItems.RefreshInterval);

        var items = Explain(sdk, user, "kitchen-4", "garden-2", "kitchen-1").ToDictionary(item => item.ItemKey);

        // kitchen-4 and garden-2 are as similar (1) and as popular (0.4): each names its own link.
        Assert.Equal(BuiltInSignals.SimilarItems, items["kitchen-4"].Contributions[0].Signal);
        Assert.Equal(BuiltInSignals.SimilarItems, items["garden-2"].Contributions[0].Signal);
        Assert.Equal(BuiltInSignals.Popularity, items["kitchen-1"].Contributions[0].Signal);
        Assert.Equal("Liked by people who liked Books item 1", items["kitchen-4"].Reason);
        Assert.Equal("Liked by people who liked Hiking item 1", items["garden-2"].Reason);
        Assert.Equal("Popular right now", items["kitchen-1"].Reason);
    }

    /// <summary>Runs after the built-in signals (custom ones come last) and scores nothing; publishes once when asked.</summary>
    private sealed class PublishingSignal : ISignalProvider
    {
        public Action? Publish { get; set; }

        public string Name => "publishing";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var publish = Publish;
            Publish = null;
            publish?.Invoke();
        }
    }
}
