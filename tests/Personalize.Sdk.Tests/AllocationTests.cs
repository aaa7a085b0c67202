using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.TestSupport.WarmShoppers;

namespace Personalize.Sdk.Tests;

/// <summary>
/// The decision path, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> after
/// warm-up over 1,000 calls: identity, profile, holdout, guardrails, every built-in signal,
/// weighted sum and top-K.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests
{
    private const int Calls = 1_000;
    private const int Runs = 3;

    [Fact]
    public void Ranking_into_a_span_allocates_nothing_once_warm()
    {
        // A personalized decision (every weighted signal runs) for a person in the holdout's
        // treatment arm, and the stitched guest, whom the holdout puts in its control arm.
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var whole = new PersonalizationRequest(member) { Context = new RequestContext { Channel = "web", Device = "mobile" } };
        var some = new PersonalizationRequest(member) { Candidates = TestCatalog.Items.Select(i => i.Key).Reverse().Append("unknown").ToArray(), Count = 5 };
        var guest = new PersonalizationRequest("guest") { Count = 5 };
        sdk.Personalizer.Rank(whole, buffer, out var wholeInfo);
        sdk.Personalizer.Rank(some, buffer, out var someInfo);
        sdk.Personalizer.Rank(guest, buffer, out var guestInfo);

        var bytes = Measure(() =>
        {
            sdk.Personalizer.Rank(whole, buffer, out _);
            sdk.Personalizer.Rank(some, buffer, out _);
            sdk.Personalizer.Rank(guest, buffer, out _);
        });

        Assert.Equal((DecisionVariant.Personalized, DecisionVariant.Personalized, DecisionVariant.Control), (wholeInfo.Variant, someInfo.Variant, guestInfo.Variant));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Ranking_on_a_placement_measured_by_its_own_holdout_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk(
            options => options.Placements["email"] = new PlacementOptions { Holdout = "email-holdout" },
            builder => builder.AddHoldout("email-holdout", 5_000));
        var buffer = new RankedItem[10];
        var guest = new PersonalizationRequest("guest") { Placement = "email" };
        var account = new PersonalizationRequest("account") { Placement = "email", Count = 5 };
        sdk.Personalizer.Rank(guest, buffer, out _);
        sdk.Personalizer.Rank(account, buffer, out _);

        var bytes = Measure(() =>
        {
            sdk.Personalizer.Rank(guest, buffer, out _);
            sdk.Personalizer.Rank(account, buffer, out _);
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Ranking_unknown_candidates_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk();
        var buffer = new RankedItem[100];
        var request = new PersonalizationRequest("account") { Candidates = Enumerable.Range(0, 500).Select(i => $"gone-{i % 150}").ToArray(), Count = 100 };
        sdk.Personalizer.Rank(request, buffer, out var info);

        var bytes = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(DecisionReason.NoKnownCandidates, info.Reason);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Track_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk();
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.View("account", "books-1"),
            PersonalizationEvent.Click("guest", "garden-2"),
            PersonalizationEvent.AddToCart("account", "kitchen-3"),
            PersonalizationEvent.Purchase("account", "hiking-4", 2, 30m),
            PersonalizationEvent.Rating("account", "books-2", 0.8f),
        ];

        var bytes = Measure(i => sdk.Personalizer.Track(events[i % events.Length]));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Track_of_every_other_kind_but_a_withdrawal_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk();
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.Dismiss("account", "garden-3"),
            PersonalizationEvent.Complaint("account", "kitchen-2"),
            PersonalizationEvent.Complaint("account"),
            PersonalizationEvent.StatedCategoryPreference("account", "hiking", likes: true),
            PersonalizationEvent.StatedAttributePreference("account", "brand", "Globex", likes: false),
            PersonalizationEvent.StatedAttributePreference("account", "brand", "no-such-brand", likes: true),
            PersonalizationEvent.ConsentGiven("account", ConsentFlags.Personalization),
            PersonalizationEvent.View("account", "no-such-item"),
        ];
        foreach (var warm in events)
        {
            sdk.Personalizer.Track(warm);
        }

        var bytes = Measure(i => sdk.Personalizer.Track(events[i % events.Length]));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void A_paused_decision_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk(options => options.Placements["home"] = new() { AutoPause = true });
        sdk.Time.Advance(TimeSpan.FromDays(8));
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("account") { Placement = "home" };
        sdk.Personalizer.Rank(request, buffer, out var info);

        var bytes = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(DecisionReason.Paused, info.Reason);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Rechecking_readiness_and_rolling_the_window_allocate_nothing_once_warm()
    {
        // Measured below Rank: moving the clock under Rank would let the profile cache's own expiry scans allocate.
        using var sdk = WarmSdk(options => options.Placements["home"] = new() { AutoPause = true });
        var monitor = sdk.Services.GetRequiredService<ReadinessMonitor>();
        var home = sdk.Services.GetRequiredService<RuleSet>().Placements.All.Single(plan => plan.Name == "home");
        var now = sdk.Time.GetUtcNow();

        // Every call is a check (the interval is 10 s) and every 30th lands in a new step of the window.
        var bytes = Measure(i =>
        {
            var at = now + TimeSpan.FromSeconds(10 * (i + 1));
            monitor.IsPaused(home, at);
            monitor.DecisionRow(home, at.UtcTicks)[0]++;
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Scoring_is_its_weighted_sum_then_its_top_k_and_the_top_k_alone_allocates_nothing_once_warm()
    {
        // ScoringStage.Select is the second half of Score, a method of its own so the per-part
        // benchmark can time top-K apart from the weighted sum: the same items, with the category cap.
        using var sdk = WarmSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        var scoring = personalizer.Decisions.Scoring;
        var signals = personalizer.Decisions.Signals.Count;
        var plan = sdk.Services.GetRequiredService<RuleSet>().Placements.All[0];
        var snapshot = sdk.Services.GetRequiredService<CatalogStore>().Current;
        int[] candidates = [.. snapshot.AllIndices];
        var random = new Random(3);
        float[] matrix = [.. Enumerable.Range(0, candidates.Length * signals).Select(_ => random.NextSingle())];
        SignalRun[] runs = [.. Enumerable.Range(0, signals).Select(_ => new SignalRun { Ran = true, Computed = true })];
        var scratch = new DecisionScratch();
        var scored = new RankedItem[8];
        var selected = new RankedItem[8];

        var written = scoring.Score(Context(), plan, candidates, matrix, runs, DecisionVariant.Personalized, inCandidateOrder: false, 8, maxPerCategory: 3, scored, out _);
        var scores = scoring.Accumulate(scratch, plan, candidates.Length, matrix, runs, DecisionVariant.Personalized);
        var alone = ScoringStage.Select(Context(), candidates, scores, inCandidateOrder: false, 8, maxPerCategory: 3, selected, out _);
        var bytes = Measure(() => ScoringStage.Select(Context(), candidates, scratch.Scores(candidates.Length, clear: false), inCandidateOrder: false, 8, maxPerCategory: 3, selected, out _));

        Assert.Equal(8, written);
        Assert.Equal(written, alone);
        Assert.Equal(scored, selected);
        Assert.Equal(0, bytes);

        DecisionContext Context() => new(snapshot, scratch.Profile, personalizer.Statistics, scratch, default, TestSdk.Start, TimeSpan.FromDays(7).Ticks, TimeSpan.FromDays(7).Ticks);
    }

    [Fact]
    public void One_holdout_assignment_allocates_nothing()
    {
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "h", Salt = "s", BasisPoints = 1_000 }]);
        assigner.Assign("h", "user-42");

        Assert.Equal(0, Measure(() => assigner.Assign("h", "user-42")));
    }

    [Fact]
    public void The_convenient_overload_allocates_only_the_decision_and_its_items()
    {
        // The frequency cap off, so every call shows ten items (it would rest them one by one).
        using var sdk = WarmSdk(options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap));
        var request = new PersonalizationRequest("shopper-1") { Count = 10 };
        var info = default(DecisionInfo);
        Assert.Equal(10, sdk.Personalizer.Rank(request).Items.Count);
        var expected = Measure(() => _ = Decision.Create(info, new RankedItem[10], null)) / Calls;

        var perCall = Measure(() => sdk.Personalizer.Rank(request)) / Calls;

        Assert.Equal(expected, perCall);
    }

    [Fact]
    public void The_convenient_overload_showing_fewer_items_than_count_allocates_only_those()
    {
        // The frequency cap off, so every call shows the same items (it would rest them one by one).
        using var sdk = WarmSdk(options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap));
        var request = new PersonalizationRequest("account") { Count = 10, Candidates = new[] { "books-2", "books-3", "hiking-1", "garden-1" } };
        var info = default(DecisionInfo);
        var shown = sdk.Personalizer.Rank(request).Items.Count;
        Assert.InRange(shown, 1, 4);
        var expected = Measure(() => _ = Decision.Create(info, new RankedItem[shown], null)) / Calls;

        var perCall = Measure(() => sdk.Personalizer.Rank(request)) / Calls;

        Assert.Equal(expected, perCall);
    }

    [Fact]
    public void A_new_units_first_exposure_allocates_only_its_ledger_entry_and_its_next_none()
    {
        using var sdk = WarmSdk(build: builder => builder.AddHoldout("second", 5_000));
        var buffer = new RankedItem[10];
        var requests = Enumerable.Range(0, 50 + Runs * Calls + 1).Select(i => new PersonalizationRequest($"new-{i}")).ToArray();
        sdk.Personalizer.Rank(requests[^1], buffer, out _);
        var next = 0;

        // Two holdouts: two entries a new unit, each "about 100 to 170 B" (README, Measuring lift).
        var first = Measure(_ => sdk.Personalizer.Rank(requests[next++], buffer, out DecisionInfo _)) / Calls;
        next = 0;
        var again = Measure(_ => sdk.Personalizer.Rank(requests[next++], buffer, out DecisionInfo _));

        Assert.InRange(first, 2 * 100, 2 * 170);
        Assert.Equal(0, again);
    }

    [Fact]
    public void A_custom_signal_reading_the_public_view_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk(build: builder => builder.AddSignal(new ViewReader(), 1f, 1f));
        sdk.View("account", "hiking-1", "books-3", "garden-2");
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("account");
        sdk.Personalizer.Rank(request, buffer, out _);

        var bytes = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(0, bytes);
        Assert.True(ViewReader.Reads > 0);
    }

    [Fact]
    public void The_trending_signal_and_the_category_cap_allocate_nothing_once_warm()
    {
        using var sdk = WarmSdk(options =>
        {
            options.Weights[BuiltInSignals.Trending] = 1f;
            options.ColdStartWeights[BuiltInSignals.Trending] = 1f;
            options.MaxPerCategory = 1;
        });
        var buffer = new RankedItem[8];
        var request = new PersonalizationRequest("account") { Count = 8 };
        sdk.Personalizer.Rank(request, buffer, out _);

        var bytes = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void The_similar_items_signal_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk(options =>
        {
            options.Weights[BuiltInSignals.SimilarItems] = 1f;
            options.ColdStartWeights[BuiltInSignals.SimilarItems] = 1f;
        });

        // The background refresh publishes the model built from the warm-up's events.
        sdk.Time.Advance(Personalize.Sdk.Statistics.SimilarItems.RefreshInterval);
        var buffer = new RankedItem[8];
        var request = new PersonalizationRequest("account") { Count = 8, Explain = false };
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("account") { Count = 8, Explain = true });
        Assert.Contains(decision.Explanation!.Items, item => item.Contributions.Any(c => c.Signal == BuiltInSignals.SimilarItems && c.Value > 0));
        sdk.Personalizer.Rank(request, buffer, out _);

        var bytes = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Decisions_that_start_the_idle_scan_allocate_nothing()
    {
        using var sdk = WarmSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(30));
        var buffer = new RankedItem[8];
        var request = new PersonalizationRequest("account") { Count = 8, Explain = false };
        _ = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));
        var held = sdk.ProfileCount;

        // Each minute the scan is due again, and only this person's decisions come to start it;
        // each pass is waited for on this thread, so every minute's decision starts one.
        // The median minute: queueing a pass can make the thread pool create a worker on this
        // thread when its workers are busy (other tests), the runtime's allocation, not the
        // decision's; an allocation of the SDK's own comes with every start.
        var bytes = new long[40];
        for (var minute = 0; minute < bytes.Length; minute++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            var before = GC.GetAllocatedBytesForCurrentThread();
            sdk.Personalizer.Rank(request, buffer, out _);
            bytes[minute] = GC.GetAllocatedBytesForCurrentThread() - before;
            WaitForProfileMaintenance(sdk);
        }

        Array.Sort(bytes);
        Assert.Equal(0, bytes[bytes.Length / 2]);

        // The passes they started ran: the other shoppers, idle for 40 minutes, are gone.
        Assert.True(sdk.ProfileCount < held, $"{sdk.ProfileCount} profiles held, {held} before");
    }

    /// <summary>Blocks on this thread until the store's pass ends, so no continuation moves the test to another thread.</summary>
    private static void WaitForProfileMaintenance(TestSdk sdk) =>
        ((Personalizer)sdk.Personalizer).ProfileMaintenance.GetAwaiter().GetResult();

    [Fact]
    public void A_learning_decision_exploring_with_the_learned_weights_allocates_nothing_once_warm()
    {
        using var sdk = WarmSdk(options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.ExplorationRate = 0.2;
            options.Learning.MinSettledDecisions = 1;

            // Or after a few decisions every item would have been shown 5 times and rest: nothing left to rank.
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        });
        var learner = ((Personalizer)sdk.Personalizer).Learner;
        learner.Random = new Random(5);
        var buffer = new RankedItem[10];
        // "account" is in the holdout's control group: control decisions are never explored. Someone treated, with history:
        var user = Enumerable.Range(0, 20).Select(i => $"learner-{i}").First(key => sdk.Personalizer.GetHoldoutAssignment(key, "home").Arm == HoldoutArm.Treatment);
        sdk.View(user, "books-1", "hiking-2", "garden-3");
        var request = new PersonalizationRequest(user) { Count = 8 };
        for (var i = 0; i < 20; i++)
        {
            var decision = sdk.Personalizer.Rank(request);
            sdk.Personalizer.Reward(decision.Id, decision.Items[i % decision.Items.Count].ItemKey, 1);
        }

        sdk.Time.Advance(learner.Options.RewardWaitTime + TimeSpan.FromSeconds(1));
        learner.Update();
        var placement = learner.For(0)!;
        Assert.True(placement.LearnedServes);
        sdk.Personalizer.Rank(request, buffer, out var info);
        var logged = placement.Decisions;

        var written = 0;

        var bytes = Measure(() => written = sdk.Personalizer.Rank(request, buffer, out _));

        Assert.Equal(8, written);
        Assert.Equal(DecisionVariant.Personalized, info.Variant);
        Assert.Equal(logged + 50 + (Runs * Calls), placement.Decisions);
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Two_learning_personalizers_with_different_signals_deciding_in_turn_on_one_thread_allocate_nothing_once_warm()
    {
        // Two tenants in one process: the thread's learning scratch must serve both, not be remade at each switch.
        static void Learn(PersonalizationOptions options)
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        }

        using var first = WarmSdk(Learn);
        using var second = WarmSdk(Learn, builder => builder.AddSignal(new ViewReader(), 0.5f, 0.5f));
        var buffer = new RankedItem[8];
        var request = new PersonalizationRequest("shopper-1") { Count = 8 };
        Assert.Equal(DecisionVariant.Personalized, first.Personalizer.Rank(request).Variant);
        Assert.Equal(DecisionVariant.Personalized, second.Personalizer.Rank(request).Variant);

        var bytes = Measure(() =>
        {
            first.Personalizer.Rank(request, buffer, out _);
            second.Personalizer.Rank(request, buffer, out _);
        });

        Assert.Equal(0, bytes);
        Assert.True(((Personalizer)second.Personalizer).Learner.For(0)!.Decisions > Calls);
    }

    private static long Measure(Action call) => Measure(_ => call());

    /// <summary>The fewest bytes of <see cref="Runs"/> runs of <see cref="Calls"/> calls (<see cref="Allocations.Fewest"/>).</summary>
    private static long Measure(Action<int> call) => Allocations.Fewest(call, Runs, Calls);



    /// <summary>Reads every accessor of the public view that the built-in signals use.</summary>
    private sealed class ViewReader : ISignalProvider
    {
        public static long Reads;

        public string Name => "view-reader";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            var total = profile.TotalCategoryAffinity + profile.TotalAttributeAffinity + context.ItemPopularity.Length + context.ItemRecentPopularity.Length + context.CategoryCount;
            foreach (var item in profile.RecentItems)
            {
                var neighbours = context.GetNextStepNeighbours(item);
                total += neighbours.Items.Length + neighbours.Weights.Length;
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                var stated = (profile.IsStatedLike(candidates[i]) ? 1 : 0) + (profile.IsStatedDislike(candidates[i]) ? 1 : 0);
                var read = profile.GetItemCategoryAffinity(candidates[i]) + profile.GetItemAttributeAffinity(candidates[i]) + stated + context.GetCategoryIndex(candidates[i]);
                column[i] = (float)Math.Clamp(read / (1 + total), 0, 1);
            }

            Interlocked.Increment(ref Reads);
        }
    }
}
