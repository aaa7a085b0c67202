using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

public sealed class ExplanationTests
{
    [Theory, AutoData]
    public void Each_item_reports_every_signals_contribution_and_they_add_up_to_its_score(string user, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "garden-2", "books-3");
        sdk.View(user, "hiking-1", "hiking-2");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 });

        var explanation = Assert.IsType<DecisionExplanation>(decision.Explanation);
        Assert.Equal(decision.Items.Select(i => i.ItemKey), explanation.Items.Select(i => i.ItemKey));
        Assert.All(explanation.Items, item =>
        {
            Assert.Equal(BuiltInSignals.All.Count, item.Contributions.Count);
            Assert.Equal(item.Score, item.Contributions.Sum(c => c.Contribution), 4);
            Assert.Equal(item.Contributions.OrderByDescending(c => c.Contribution).Select(c => c.Signal), item.Contributions.Select(c => c.Signal));
        });
        Assert.StartsWith("Personalized from 2 events", explanation.Summary, StringComparison.Ordinal);
    }

    [Theory, AutoData]
    public void Candidates_the_catalog_does_not_know_are_each_explained_with_no_signal_behind_them(string user)
    {
        using var sdk = new TestSdk();

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Candidates = new[] { "x", "y", "x" } });

        Assert.Equal(DecisionReason.NoKnownCandidates, decision.Reason);
        var explanation = Assert.IsType<DecisionExplanation>(decision.Explanation);
        Assert.Equal(["x", "y"], explanation.Items.Select(i => i.ItemKey));
        Assert.Equal(decision.Items.Select(i => i.ItemKey), explanation.Items.Select(i => i.ItemKey));
        Assert.All(explanation.Items, item =>
        {
            Assert.Equal(0f, item.Score);
            Assert.Empty(item.Contributions);
            Assert.Equal("Not in the catalog", item.Reason);
        });
        Assert.Empty(explanation.Removed);
    }

    [Theory, AutoData]
    public void A_category_reason_names_the_item_the_user_viewed(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        sdk.View(user, "hiking-3");

        var explanation = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 2 }).Explanation!;

        Assert.Equal("Because you viewed Hiking item 3", explanation.Items.Single(i => i.ItemKey == "hiking-1").Reason);
    }

    [Theory, AutoData]
    public void Next_step_and_stated_preference_reasons_come_from_the_profile(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence).Then(o => o.Weights[BuiltInSignals.StatedPreference] = 0.5f));
        sdk.View("shopper", "books-1", "kitchen-4");
        sdk.View(user, "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "garden", likes: true));

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 }).Explanation!.Items;

        Assert.Equal("Often chosen after Books item 1", items.Single(i => i.ItemKey == "kitchen-4").Reason);
        Assert.Equal("Because you said you like garden", items.First(i => i.ItemKey.StartsWith("garden-", StringComparison.Ordinal)).Reason);
    }

    [Theory, AutoData]
    public void Each_next_step_reason_names_the_recent_item_whose_link_contributes_most_to_that_item(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        for (var i = 0; i < 4; i++)
        {
            sdk.View($"gardener-{i}", "garden-1", "kitchen-4");
        }

        sdk.View("reader", "books-1", "kitchen-4");
        sdk.View("walker", "books-1", "hiking-2");
        sdk.View(user, "garden-1", "books-1");

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 }).Explanation!.Items;

        // kitchen-4: 4 links from garden-1 (the second newest, so halved: 2) outweigh 1 from books-1.
        Assert.Equal("Often chosen after Garden item 1", items.Single(i => i.ItemKey == "kitchen-4").Reason);
        Assert.Equal("Often chosen after Books item 1", items.Single(i => i.ItemKey == "hiking-2").Reason);
    }

    [Fact]
    public void A_next_step_reason_names_the_recent_item_whose_link_gave_the_score_even_if_links_change_mid_decision()
    {
        // Registered after the built-ins, it tracks while the decision is being made: after the scoring, before the reasons.
        var tracker = new RacingSignal();
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence), builder => builder.AddSignal(tracker, 0.01f, coldStartWeight: 0.01f));
        sdk.View("shopper", "hiking-1", "kitchen-4");
        sdk.View("reader", "books-1", "kitchen-4");
        sdk.View("u", "books-1", "hiking-1");

        // Scored: hiking-1 (newest) links to kitchen-4 once, books-1 once (halved). Then books-1's link grows to 4 (halved: 2).
        tracker.Race = () =>
        {
            for (var i = 0; i < 3; i++)
            {
                sdk.View($"reader-{i}", "books-1", "kitchen-4");
            }
        };
        var kitchen = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 16 }).Explanation!.Items.Single(i => i.ItemKey == "kitchen-4");

        Assert.True(tracker.Fired);
        Assert.Equal("Often chosen after Hiking item 1", kitchen.Reason);
    }

    [Fact]
    public void A_context_reason_does_not_call_an_item_without_the_attribute_suited_to_a_value_no_item_has()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "web-only", Category = "offers", Attributes = new Dictionary<string, string> { ["channel"] = "web" } },
            new CatalogItem { Key = "anywhere", Category = "offers" },
        ];
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Context), catalog: catalog);

        string ReasonOfAnywhere(string channel) =>
            sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 2, Context = new RequestContext { Channel = channel } })
                .Explanation!.Items.Single(i => i.ItemKey == "anywhere").Reason;

        Assert.NotEqual("Suited to channel email", ReasonOfAnywhere("email"));
        Assert.Equal(ReasonOfAnywhere("web"), ReasonOfAnywhere("email"));
    }

    [Theory, AutoData]
    public void A_row_mixing_signals_gives_each_item_the_reason_of_its_own_strongest_contribution(string user)
    {
        using var sdk = new TestSdk(options =>
        {
            TestSdk.WeighOnly(options, (BuiltInSignals.CoOccurrence, 1f), (BuiltInSignals.StatedPreference, 0.9f), (BuiltInSignals.Popularity, 0.5f));
            options.MaxPerCategory = 1;
        });
        sdk.View("shopper", "books-1", "kitchen-4");
        sdk.View("fans", "hiking-3", "hiking-3", "hiking-3");
        sdk.View(user, "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "garden", likes: true));

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 3 }).Explanation!.Items;

        Assert.Equal(
            ["Often chosen after Books item 1", "Because you said you like garden", "Popular right now"],
            items.Select(item => item.Reason));
        Assert.All(items, item => Assert.Equal(item.Contributions[0].Signal, item.Contributions.MaxBy(c => c.Contribution)!.Signal));
    }

    [Theory, AutoData]
    public void A_reason_never_cites_an_item_the_user_dismissed(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence).Then(options => options.Weights[BuiltInSignals.CategoryAffinity] = 0.1f));
        sdk.View("shopper", "books-1", "kitchen-4");
        sdk.View("shopper", "hiking-1", "kitchen-4");
        sdk.View(user, "hiking-1", "hiking-2", "books-1");
        var before = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 }).Explanation!.Items;
        Assert.Equal("Often chosen after Books item 1", before.Single(i => i.ItemKey == "kitchen-4").Reason);

        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "hiking-2"));

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 }).Explanation!.Items;
        Assert.Equal("Often chosen after Hiking item 1", items.Single(i => i.ItemKey == "kitchen-4").Reason);
        Assert.Contains(items, item => item.Reason.StartsWith("Because you", StringComparison.Ordinal));
        Assert.All(items, item =>
        {
            Assert.DoesNotContain("Books item 1", item.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("Hiking item 2", item.Reason, StringComparison.Ordinal);
        });
    }

    [Theory, AutoData]
    public void A_reason_never_cites_an_item_the_catalog_no_longer_has(string user)
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence).Then(options => options.Weights[BuiltInSignals.CategoryAffinity] = 0.1f));
        sdk.View("shopper", "books-1", "kitchen-4");
        sdk.View("shopper", "hiking-1", "kitchen-4");
        sdk.View(user, "hiking-1", "books-2", "books-1");

        sdk.Catalog.Replace(TestCatalog.Items.Where(item => item.Key != "books-1"));

        var items = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 16 }).Explanation!.Items;
        Assert.Equal("Often chosen after Hiking item 1", items.Single(i => i.ItemKey == "kitchen-4").Reason);
        Assert.Equal("Because you viewed Books item 2", items.Single(i => i.ItemKey == "books-3").Reason);
        Assert.All(items, item => Assert.DoesNotContain("Books item 1", item.Reason, StringComparison.Ordinal));
    }

    [Theory, AutoData]
    public void A_new_user_is_told_what_is_popular(string user, string shopper)
    {
        using var sdk = new TestSdk();
        sdk.View(shopper, "books-4");

        var explanation = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = 2 }).Explanation!;

        Assert.Equal("Popular right now", explanation.Items[0].Reason);
        Assert.Equal("From our default selection", explanation.Items[1].Reason);
        Assert.StartsWith("Not enough history yet", explanation.Summary, StringComparison.Ordinal);
    }

    [Theory, AutoData]
    public void The_decision_reports_which_guardrail_removed_which_candidate(string user)
    {
        using var sdk = new TestSdk();
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(user, "kitchen", likes: false));

        var removed = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true }).Explanation!.Removed;

        Assert.Equal(5, removed.Count);
        Assert.Equal("dismissed", removed.Single(r => r.ItemKey == "books-1").Guardrail);
        Assert.All(removed.Where(r => r.ItemKey.StartsWith("kitchen-", StringComparison.Ordinal)), r =>
        {
            Assert.Equal("stated-dislike", r.Guardrail);
            Assert.Equal("The user said they dislike kitchen.", r.Reason);
        });
    }

    [Theory, AutoData]
    public void Nothing_is_explained_unless_asked(string user)
    {
        using var sdk = new TestSdk();

        Assert.Null(sdk.Personalizer.Rank(new PersonalizationRequest(user)).Explanation);
    }

    [Theory]
    [InlineData(false, "Shown in our default order")]
    [InlineData(true, "Shown in the order given")]
    public void When_a_guardrail_throws_no_signal_is_explained_for_the_candidates_served_in_their_own_order(bool given, string reason)
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new ThrowingGuardrail()));
        sdk.View("shopper", "kitchen-3", "kitchen-3", "books-2");
        string[] candidates = given ? ["books-2", "kitchen-1", "kitchen-3"] : [];

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Candidates = candidates, Explain = true });

        Assert.Equal(DecisionReason.GuardrailFailed, decision.Reason);
        var explanation = decision.Explanation!;
        Assert.Equal(decision.Items.Select(i => i.ItemKey), explanation.Items.Select(i => i.ItemKey));
        Assert.All(explanation.Items, item =>
        {
            Assert.Equal(item.Score, item.Contributions.Sum(c => c.Contribution), 3);
            Assert.Empty(item.Contributions);
            Assert.Equal(reason, item.Reason);
        });
        Assert.StartsWith("A guardrail failed", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_signal_fails_no_signal_is_explained_for_the_candidates_served_in_their_own_order()
    {
        using var sdk = new TestSdk(
            options =>
            {
                foreach (var signal in BuiltInSignals.All)
                {
                    options.ColdStartWeights[signal] = 0f;
                }
            },
            builder => builder.AddSignal(new ThrowingSignal(), 1f, 1f));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("new-user") { Count = 3, Explain = true });

        Assert.Equal(DecisionReason.SignalsFailed, decision.Reason);
        Assert.All(decision.Explanation!.Items, item =>
        {
            Assert.Equal(0f, item.Score);
            Assert.Empty(item.Contributions);
            Assert.Equal("Shown in our default order", item.Reason);
        });
        Assert.StartsWith("Every signal failed", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_reason_of_an_item_nothing_positive_placed_is_one_of_the_sentences_the_docs_name()
    {
        var reasons = new HashSet<string>(StringComparer.Ordinal);
        void Collect(Decision decision) =>
            reasons.UnionWith(decision.Explanation!.Items.Where(item => !item.Contributions.Any(c => c.Contribution > 0f)).Select(item => item.Reason));

        using (var unweighed = new TestSdk(options =>
        {
            foreach (var signal in BuiltInSignals.All)
            {
                options.Weights[signal] = 0f;
                options.ColdStartWeights[signal] = 0f;
            }
        }))
        {
            unweighed.View("shopper", "books-1", "books-2");
            Collect(unweighed.Personalizer.Rank(new PersonalizationRequest("shopper") { Explain = true, Count = 16 }));
            Collect(unweighed.Personalizer.Rank(new PersonalizationRequest("newcomer") { Explain = true, Count = 16 }));
            Collect(unweighed.Personalizer.Rank(new PersonalizationRequest("newcomer") { Explain = true, Candidates = new[] { "x", "y" } }));
        }

        using (var popular = new TestSdk())
        {
            popular.View("shopper", "books-4");
            Collect(popular.Personalizer.Rank(new PersonalizationRequest("newcomer") { Explain = true, Count = 16 }));
        }

        foreach (var given in new[] { false, true })
        {
            using var failing = new TestSdk(build: builder => builder.AddGuardrail(new ThrowingGuardrail()));
            string[] candidates = given ? ["books-2", "kitchen-1"] : [];
            Collect(failing.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Candidates = candidates }));
        }

        var documented = XmlDocs.Text(XmlDocs.Member("P:Personalize.Sdk.Reporting.ItemExplanation.Reason"));
        Assert.Equal(["From our default selection", "Not in the catalog", "Shown in our default order", "Shown in the order given"], reasons.Order(StringComparer.Ordinal));
        Assert.All(reasons, reason => Assert.Contains($"\"{reason}\"", documented, StringComparison.Ordinal));
    }

    private sealed class ThrowingGuardrail : IGuardrail
    {
        public string Name => "throws";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible) => throw new InvalidOperationException("boom");

        public string Explain(in DecisionContext context, int itemIndex) => "never";
    }

    private sealed class ThrowingSignal : ISignalProvider
    {
        public string Name => "throws";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) =>
            throw new InvalidOperationException("broken on purpose");
    }

    [Fact]
    public void A_blank_title_falls_back_to_the_key_in_a_reason()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "boots", Category = "hiking", Title = "" },
            new CatalogItem { Key = "tent", Category = "hiking", Title = "Tent" },
            new CatalogItem { Key = "stove", Category = "hiking", Title = "   " },
        ];
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity), catalog: catalog);
        sdk.View("u", "boots");
        sdk.View("u", "stove");

        var reasons = ReasonsOf(sdk, "u", 3);

        Assert.Contains("Because you viewed boots", reasons);
        Assert.Contains("Because you viewed stove", reasons);
        Assert.All(reasons, reason => Assert.False(reason.EndsWith(' '), reason));
    }

    [Fact]
    public void An_empty_attribute_value_is_named_by_its_attribute_in_a_reason()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "boots", Category = "hiking", Title = "Boots", Attributes = new Dictionary<string, string> { ["brand"] = "" } },
            new CatalogItem { Key = "tent", Category = "camping", Title = "Tent", Attributes = new Dictionary<string, string> { ["brand"] = "" } },
        ];
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.AttributeAffinity), catalog: catalog);
        sdk.View("u", "boots");

        var reasons = ReasonsOf(sdk, "u", 3);

        Assert.Contains("Because you like brand", reasons);
        Assert.All(reasons, reason => Assert.DoesNotContain("  ", reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_category_name_is_never_named_in_a_reason()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "boots", Category = "  ", Title = "Boots" },
            new CatalogItem { Key = "tent", Category = "  ", Title = "Tent" },
        ];
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryPopularity), catalog: catalog);
        sdk.View("u", "boots");
        sdk.View("v", "tent");

        var reasons = ReasonsOf(sdk, "u", 2);

        Assert.Equal(["A favourite in its category", "A favourite in its category"], reasons);
    }

    [Fact]
    public void An_item_with_a_blank_key_and_no_title_is_never_cited()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = " ", Category = "hiking" },
            new CatalogItem { Key = "tent", Category = "hiking", Title = "Tent" },
        ];
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity), catalog: catalog);
        sdk.View("u", " ");

        var reasons = ReasonsOf(sdk, "u", 2);

        Assert.Contains("Because you like hiking", reasons);
        Assert.All(reasons, reason => Assert.False(reason.EndsWith(' '), $"'{reason}'"));
    }

    /// <summary>The reasons of a decision for <paramref name="user"/>, one an item, in rank order.</summary>
    private static List<string> ReasonsOf(TestSdk sdk, string user, int count) =>
        [.. sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = true, Count = count }).Explanation!.Items.Select(item => item.Reason)];
}
