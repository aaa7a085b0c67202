using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class SdkRecommenderTests
{
    // "hit" is bought by 4 users, "toy-1" and "toy-2" are toys, the rest books. "fan" bought toys only.
    private static readonly Interaction[] Log =
    [
        Row("u1", "hit", 10), Row("u2", "hit", 20), Row("u3", "hit", 30), Row("u4", "hit", 40),
        Row("u1", "book-1", 50), Row("u2", "book-2", 60), Row("fan", "toy-1", 70), Row("fan", "toy-3", 75), Row("u3", "toy-2", 80),
    ];

    private static TrainingSet Train() =>
        new(Log, Dataset(Log, key => key.StartsWith("toy", StringComparison.Ordinal) ? "toys" : "books").Catalog, EventKind.Purchase, seed: 2);

    private static string[] Recommend(IRecommender recommender, TrainingSet train, string user, params string[] candidates)
    {
        var top = new int[candidates.Length];
        train.TryGetUser(user, out var index);
        int[] items = [.. candidates.Select(c => train.TryGetItem(c, out var i) ? i : -1)];
        var written = recommender.Recommend(index, items, At(100), top);
        return [.. top[..written].Select(i => train.ItemKeys[i])];
    }

    [Fact]
    public void The_signal_list_is_the_sdks_built_in_signals()
    {
        Assert.Equal(BuiltInSignals.All, SdkSignals.All);
        Assert.Contains(BuiltInSignals.CoOccurrence, SdkSignals.All);
    }

    [Fact]
    public void A_signal_alone_weighs_1_and_zeroes_every_other_signal_by_name_for_both_variants()
    {
        var alone = SdkConfiguration.Alone(BuiltInSignals.Popularity);

        Assert.Equal(SdkSignals.All, alone.Weights.Keys);
        Assert.Equal(1f, alone.Weights[BuiltInSignals.Popularity]);
        Assert.All(alone.Weights.Where(w => w.Key != BuiltInSignals.Popularity), w => Assert.Equal(0f, w.Value));
        Assert.Equal(alone.Weights, alone.ColdStartWeights);
    }

    [Fact]
    public void An_unknown_signal_name_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => SdkConfiguration.Alone("nope"));
        Assert.Throws<ArgumentException>(() => SdkConfiguration.With(new Dictionary<string, float> { ["nope"] = 1f }, new Dictionary<string, float>()));
    }

    [Fact]
    public void Replay_rows_keep_profiles_and_switch_the_frequency_cap_off_and_the_default_options_row_does_not()
    {
        var replay = new PersonalizationOptions();
        var defaults = new PersonalizationOptions();

        SdkConfiguration.Default.Apply(replay);
        SdkConfiguration.DefaultOptions.Apply(defaults);

        Assert.Equal(SdkConfiguration.ReplayIdleExpiration, replay.ProfileIdleExpiration);
        Assert.Equal([BuiltInGuardrails.FrequencyCap], replay.Guardrails.Disabled);
        Assert.Equal(new PersonalizationOptions().ProfileIdleExpiration, defaults.ProfileIdleExpiration);
        Assert.Empty(defaults.Guardrails.Disabled);
    }

    [Fact]
    public void Ranking_one_user_again_and_again_would_rest_the_top_items_under_the_frequency_cap()
    {
        // Why the replay rows switch the cap off: the harness's own repeated Rank calls count as showings.
        var train = Train();
        using var capped = new SdkRecommender(SdkConfiguration.DefaultOptions with { Weights = SdkConfiguration.Alone(BuiltInSignals.Popularity).Weights });
        using var replay = new SdkRecommender(SdkConfiguration.Alone(BuiltInSignals.Popularity));
        capped.Fit(train);
        replay.Fit(train);
        var cap = new PersonalizationOptions().Guardrails.FrequencyCap;

        string Top(SdkRecommender sdk)
        {
            // A list of one: only the top item counts as shown.
            var top = new int[1];
            train.TryGetUser("fan", out var fan);
            int[] candidates = [.. new[] { "book-1", "hit" }.Select(c => train.TryGetItem(c, out var i) ? i : -1)];
            return sdk.Recommend(fan, candidates, At(100), top) == 1 ? train.ItemKeys[top[0]] : "nothing";
        }

        for (var i = 0; i < cap; i++)
        {
            Assert.Equal("hit", Top(capped));
            Assert.Equal("hit", Top(replay));
        }

        Assert.Equal("book-1", Top(capped));
        Assert.Equal("hit", Top(replay));
    }

    [Fact]
    public void Changes_are_described_in_words_and_the_sdks_own_defaults_are_read_from_its_rule_registry()
    {
        var configuration = SdkConfiguration.With(
            new Dictionary<string, float> { [BuiltInSignals.CoOccurrence] = 1f, [BuiltInSignals.Popularity] = 1.5f },
            new Dictionary<string, float> { [BuiltInSignals.Freshness] = 0f },
            popularityHalfLife: TimeSpan.FromDays(3),
            minConfidence: 0.2);

        Assert.Equal("sdk (weights popularity=1.5, co-occurrence=1; cold start freshness=0; popularity half-life 3 d; min confidence 0.2)", configuration.Name);
        Assert.Equal(SdkSignals.All.Order(), SdkDefaults.Current.Weights.Keys.Order());
        Assert.Equal(new PersonalizationOptions().MinConfidence, SdkDefaults.Current.MinConfidence);
        Assert.True(SdkDefaults.Current.ColdStartWeights[BuiltInSignals.Popularity] > 0);
    }

    [Fact]
    public void Each_interaction_becomes_the_sdk_event_of_its_data_sets_kind()
    {
        Interaction[] log = [Row("u1", "a", 1) with { Quantity = 3, Revenue = 7.5m, Rating = 0.8f }];
        var purchases = new TrainingSet(log, [], EventKind.Purchase, seed: 1);
        var ratings = new TrainingSet(log, [], EventKind.Rating, seed: 1);
        var views = new TrainingSet(log, [], EventKind.View, seed: 1);

        var purchase = SdkRecommender.ToEvent(purchases.Events[0], purchases);
        var rating = SdkRecommender.ToEvent(ratings.Events[0], ratings);
        var view = SdkRecommender.ToEvent(views.Events[0], views);

        Assert.Equal((EventKind.Purchase, "u1", "a", 3, 7.5m), (purchase.Kind, purchase.UserKey, purchase.ItemKey, purchase.Quantity, purchase.Revenue));
        Assert.Equal((EventKind.Rating, 0.8f), (rating.Kind, rating.RatingValue));
        Assert.Equal(EventKind.View, view.Kind);
    }

    [Fact]
    public void Every_training_event_is_replayed_through_track_with_its_timestamp()
    {
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Default);

        sdk.Fit(train);
        Recommend(sdk, train, "u4", "book-1", "toy-1");

        Assert.Equal(Log.Length, SdkCounters.Sum(sdk.Counters, "personalize.events.applied", ("kind", "purchase")));
        Assert.DoesNotContain(sdk.Counters, c => c.Key.StartsWith("personalize.events.rejected", StringComparison.Ordinal));
        Assert.Equal(1, SdkCounters.Sum(sdk.Counters, "personalize.decisions", ("variant", "personalized"), ("reason", "profile")));
        Assert.Equal("personalized", sdk.LastSegment);
    }

    [Fact]
    public void Popularity_alone_ranks_the_most_bought_candidate_first()
    {
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Alone(BuiltInSignals.Popularity));
        sdk.Fit(train);

        Assert.Equal("hit", Recommend(sdk, train, "fan", "book-1", "toy-2", "hit")[0]);
    }

    [Fact]
    public void Category_affinity_alone_ranks_the_users_category_first_and_returns_only_candidates()
    {
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Alone(BuiltInSignals.CategoryAffinity));
        sdk.Fit(train);

        var list = Recommend(sdk, train, "fan", "book-1", "hit", "toy-2");

        Assert.Equal("toy-2", list[0]);
        Assert.Equal(["book-1", "hit", "toy-2"], list.Order());
    }

    [Fact]
    public void Observing_an_event_tracks_it_live()
    {
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Alone(BuiltInSignals.CategoryAffinity));
        sdk.Fit(train);
        train.TryGetUser("u4", out var u4);
        train.TryGetItem("toy-1", out var toy1);
        train.TryGetItem("toy-3", out var toy3);

        // u4 bought one book-category item ("hit"); two toys now outweigh it.
        Assert.Equal("book-1", Recommend(sdk, train, "u4", "book-1", "toy-2")[0]);
        sdk.Observe(new IndexedEvent(u4, toy1, At(90), 1, 0));
        sdk.Observe(new IndexedEvent(u4, toy3, At(91), 1, 0));

        Assert.Equal("toy-2", Recommend(sdk, train, "u4", "book-1", "toy-2")[0]);
    }

    [Fact]
    public void Co_occurrence_alone_recommends_what_others_bought_next_after_the_users_recent_items()
    {
        // u1 bought hit then book-1, u2 hit then book-2, u3 hit then toy-2: each "hit" led on to
        // another item. u4 bought only "hit", so the items people went on to after it rank first.
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Alone(BuiltInSignals.CoOccurrence));
        sdk.Fit(train);

        var list = Recommend(sdk, train, "u4", "toy-3", "book-2", "toy-1");

        Assert.Equal("book-2", list[0]);
    }

    [Fact]
    public void A_stale_profile_is_ranked_with_the_cold_start_weights_and_says_so()
    {
        // "fan" last bought at 75 s; decided 200 days later its confidence has faded below the gate.
        var train = Train();
        using var sdk = new SdkRecommender(SdkConfiguration.Default);
        sdk.Fit(train);
        train.TryGetUser("fan", out var fan);
        int[] candidates = [.. new[] { "book-1", "hit" }.Select(c => train.TryGetItem(c, out var i) ? i : -1)];

        sdk.Recommend(fan, candidates, At(200 * 86_400), new int[2]);

        Assert.Equal("cold start (low confidence)", sdk.LastSegment);
        Assert.Equal(1, SdkCounters.Sum(sdk.Counters, "personalize.decisions", ("variant", "cold_start"), ("reason", "low_confidence")));
    }

    [Fact]
    public void Counter_keys_are_read_by_tag_so_new_tags_do_not_break_the_sums()
    {
        var counters = new Dictionary<string, long>
        {
            ["personalize.decisions[variant=personalized][reason=profile]"] = 2,
            ["personalize.decisions[variant=personalized][reason=profile][placement=home]"] = 3,
            ["personalize.decisions[variant=cold_start][reason=no_history]"] = 5,
            ["personalize.events.applied[kind=view]"] = 7,
        };

        Assert.Equal(5, SdkCounters.Sum(counters, "personalize.decisions", ("variant", "personalized")));
        Assert.Equal(10, SdkCounters.Sum(counters, "personalize.decisions"));
        Assert.Equal(("personalize.events.applied", "view"), (SdkCounters.Parse("personalize.events.applied[kind=view]").Instrument, SdkCounters.Parse("personalize.events.applied[kind=view]").Tags["kind"]));
    }
}
