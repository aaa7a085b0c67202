using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Signals;

/// <summary>Each built-in signal alone (every other weight 0), checked against its documented definition.</summary>
public sealed class BuiltInSignalTests
{
    [Fact]
    public void Popularity_is_decayed_engagement_normalised_by_the_most_popular_candidate()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity).Then(o => o.PopularityHalfLife = TimeSpan.FromDays(1)));
        sdk.View("a", "books-1", "books-1", "books-1", "books-1");
        sdk.Time.Advance(TimeSpan.FromDays(1));
        sdk.View("b", "garden-1");

        // Four views a half-life ago are worth 2; one fresh view 1.
        Assert.Equal(1f, sdk.ScoreOf("new", "books-1"));
        Assert.Equal(0.5f, sdk.ScoreOf("new", "garden-1"), 4);
        Assert.Equal(0f, sdk.ScoreOf("new", "hiking-1"));
    }

    [Theory]
    [InlineData(BuiltInSignals.Popularity)]
    [InlineData(BuiltInSignals.Trending)]
    public void Popularity_and_trending_count_a_rating_r_above_one_half_as_four_times_two_r_minus_one(string signal)
    {
        using var sdk = new TestSdk(TestSdk.Only(signal));
        sdk.View("a", "books-1", "books-1", "books-1", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.Rating("b", "garden-1", 1f));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("b", "hiking-1", 0.75f));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("b", "kitchen-1", 0.5f));
        sdk.Personalizer.Track(PersonalizationEvent.Rating("b", "kitchen-2", 0.1f));

        // Four views weigh 4, as a rating of 1 does; 0.75 weighs 2; 0.5 and below nothing.
        Assert.Equal(1f, sdk.ScoreOf("new", "books-1"));
        Assert.Equal(1f, sdk.ScoreOf("new", "garden-1"));
        Assert.Equal(0.5f, sdk.ScoreOf("new", "hiking-1"));
        Assert.Equal(0f, sdk.ScoreOf("new", "kitchen-1"));
        Assert.Equal(0f, sdk.ScoreOf("new", "kitchen-2"));
    }

    [Fact]
    public void Category_popularity_gives_the_best_of_every_category_one()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryPopularity));
        sdk.View("a", "books-1", "books-1", "books-1", "books-1", "books-2", "garden-3");

        Assert.Equal(1f, sdk.ScoreOf("new", "books-1"));
        Assert.Equal(0.25f, sdk.ScoreOf("new", "books-2"));
        Assert.Equal(1f, sdk.ScoreOf("new", "garden-3"));
        Assert.Equal(0f, sdk.ScoreOf("new", "garden-1"));
    }

    [Fact]
    public void Category_popularity_gives_the_best_of_a_long_quiet_category_one()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryPopularity));
        sdk.View("a", "books-1", "books-1", "books-1", "books-1", "books-2");
        sdk.Time.Advance(TimeSpan.FromDays(1_100));
        sdk.View("b", "garden-3");

        // Books' popularity is far below float's range next to garden's fresh view, not below double's.
        Assert.Equal(1f, sdk.ScoreOf("new", "books-1"));
        Assert.Equal(0.25f, sdk.ScoreOf("new", "books-2"));
        Assert.Equal(1f, sdk.ScoreOf("new", "garden-3"));
    }

    [Fact]
    public void Attribute_affinity_scores_an_items_best_attribute_by_its_share_of_the_users_attributes()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.AttributeAffinity));
        sdk.View("u", "books-1", "garden-3", "hiking-2");

        // Acme (odd items) was engaged with twice, Globex (even) once: shares 2/3 and 1/3.
        Assert.Equal(2f / 3, sdk.ScoreOf("u", "kitchen-1"), 6);
        Assert.Equal(1f / 3, sdk.ScoreOf("u", "kitchen-2"), 6);
    }

    [Fact]
    public void Co_occurrence_suggests_what_people_went_on_to_next()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        for (var shopper = 0; shopper < 3; shopper++)
        {
            sdk.View($"shopper-{shopper}", "hiking-1", "kitchen-3");
        }

        sdk.View("shopper-x", "hiking-1", "garden-2");

        sdk.View("u", "hiking-1");

        Assert.Equal("kitchen-3", sdk.TopKeys("u", 1)[0]);
        Assert.Equal(1f, sdk.ScoreOf("u", "kitchen-3"));
        Assert.Equal(1f / 3, sdk.ScoreOf("u", "garden-2"), 4);
        Assert.Equal(0f, sdk.ScoreOf("u", "books-4"));
    }

    [Fact]
    public void Co_occurrence_weighs_the_newest_recent_item_most()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.View("s1", "hiking-1", "kitchen-1");
        sdk.View("s2", "books-1", "garden-1");

        sdk.View("u", "hiking-1", "books-1");

        Assert.Equal("garden-1", sdk.TopKeys("u", 1)[0]);
        Assert.Equal(0.5f, sdk.ScoreOf("u", "kitchen-1"), 4);
    }

    [Fact]
    public void A_disliked_item_does_not_seed_next_step_suggestions()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        sdk.View("shopper", "hiking-1", "kitchen-3");

        sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "hiking-1", 0.1f));

        Assert.Equal(0f, sdk.ScoreOf("u", "kitchen-3"));
    }

    [Fact]
    public void Stated_preference_is_one_for_a_liked_category_or_attribute()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.StatedPreference));

        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("u", "garden", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("u", "brand", "Globex", likes: true));

        Assert.Equal(1f, sdk.ScoreOf("u", "garden-1"));
        Assert.Equal(1f, sdk.ScoreOf("u", "books-2"));
        Assert.Equal(0f, sdk.ScoreOf("u", "books-1"));
    }

    [Fact]
    public void Freshness_fades_linearly_over_the_period()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Freshness).Then(o => o.FreshnessPeriod = TimeSpan.FromDays(10)));
        sdk.Catalog.Replace(
        [
            new CatalogItem { Key = "today", AddedAt = TestSdk.Start },
            new CatalogItem { Key = "four-days", AddedAt = TestSdk.Start.AddDays(-4) },
            new CatalogItem { Key = "old", AddedAt = TestSdk.Start.AddDays(-30) },
            new CatalogItem { Key = "unknown" },
            new CatalogItem { Key = "coming", AddedAt = TestSdk.Start.AddDays(1) },
        ]);

        Assert.Equal(1f, sdk.ScoreOf("u", "today"));
        Assert.Equal(0.6f, sdk.ScoreOf("u", "four-days"), 4);
        Assert.Equal(0f, sdk.ScoreOf("u", "old"));
        Assert.Equal(0f, sdk.ScoreOf("u", "unknown"));
        Assert.Equal(0f, sdk.ScoreOf("u", "coming"));
    }

    [Fact]
    public void Context_matches_channel_device_and_locale_attributes()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Context));
        sdk.Catalog.Replace(
        [
            new CatalogItem { Key = "email-mobile", Attributes = new Dictionary<string, string> { ["channel"] = "email", ["device"] = "mobile" } },
            new CatalogItem { Key = "web-mobile", Attributes = new Dictionary<string, string> { ["channel"] = "web", ["device"] = "mobile" } },
            new CatalogItem { Key = "anywhere" },
        ]);
        var email = new RequestContext { Channel = "email", Device = "mobile" };

        Assert.Equal(1f, sdk.ScoreOf("u", "email-mobile", email));
        Assert.Equal(0.5f, sdk.ScoreOf("u", "web-mobile", email));
        Assert.Equal(0.5f, sdk.ScoreOf("u", "anywhere", email));
        Assert.Equal(0f, sdk.ScoreOf("u", "email-mobile"));
        Assert.Equal(0.25f, sdk.ScoreOf("u", "email-mobile", new RequestContext { Channel = "sms", Device = "mobile" }) - 0.25f, 4);
    }

    [Theory]
    [MemberData(nameof(SignalNames))]
    public void Every_built_in_writes_values_between_zero_and_one(string signal)
    {
        using var sdk = new TestSdk(TestSdk.Only(signal));
        var random = new Random(3);
        for (var e = 0; e < 300; e++)
        {
            var item = TestCatalog.Items[random.Next(TestCatalog.Items.Count)].Key;
            sdk.Personalizer.Track(PersonalizationEvent.Rating($"user-{random.Next(5)}", item, (float)random.NextDouble()));
            sdk.View($"user-{random.Next(5)}", item);
            sdk.Time.Advance(TimeSpan.FromHours(random.Next(48)));
        }

        for (var user = 0; user < 5; user++)
        {
            var items = sdk.Rank($"user-{user}", 100, new RequestContext { Channel = "web" }).Items;
            Assert.Equal(TestCatalog.Items.Count, items.Count);
            Assert.All(items, item => Assert.InRange(item.Score, 0f, 1f));
        }
    }

    public static TheoryData<string> SignalNames() => [.. BuiltInSignals.All];
}
