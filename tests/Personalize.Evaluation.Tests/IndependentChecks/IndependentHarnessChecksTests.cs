using Personalize.Evaluation.Data;
using Personalize.Evaluation.Metrics;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using Personalize.Evaluation.Tests.Recommenders;
using Personalize.Sdk;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.IndependentChecks;

/// <summary>
/// Independent recomputations (review): every expected value here is computed by hand or by a
/// plain reference written in the test, not by the harness's own helpers.
/// </summary>
public sealed class IndependentHarnessChecksTests
{
    private static double Log2(double x) => Math.Log(x) / Math.Log(2);

    // ---- metrics ---------------------------------------------------------------------------

    [Fact]
    public void Ndcg_with_more_relevant_items_than_k_ignores_hits_past_rank_10()
    {
        // 12 relevant items (100..111); hits at ranks 1, 3 and 11 (the last must not count).
        var relevant = Enumerable.Range(100, 12).ToHashSet();
        int[] ranked = [100, 1, 101, 2, 3, 4, 5, 6, 7, 8, 102, 9];
        var dcg = 1 + (1 / Log2(4));
        var ideal = Enumerable.Range(1, 10).Sum(r => 1 / Log2(r + 1));

        Assert.Equal(dcg / ideal, RankingMetrics.NdcgAt(10, ranked, relevant), 12);
        Assert.Equal(1, RankingMetrics.HitRateAt(10, ranked, relevant));
        Assert.Equal(2.0 / 12, RankingMetrics.RecallAt(10, ranked, relevant), 12);
        Assert.Equal(3.0 / 12, RankingMetrics.RecallAt(20, ranked, relevant), 12);
    }

    [Fact]
    public void Accumulator_means_standard_error_coverage_and_diversity_match_a_hand_computation()
    {
        // Catalogue of 30 items; categories: item % 3, item 29 uncategorised.
        int[] categories = [.. Enumerable.Range(0, 30).Select(i => i == 29 ? -1 : i % 3)];
        var accumulator = new MetricAccumulator(30, categories);

        // User A: hit at rank 2 of 1 relevant: nDCG = 1/log2(3).
        accumulator.Add([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], new HashSet<int> { 1 });

        // User B: no hit, list of one categorised item and the uncategorised one: not counted for ILD.
        accumulator.Add([29, 3], new HashSet<int> { 20 });

        // User C: hits at 1 and 11, 2 relevant: nDCG = 1 / (1 + 1/log2(3)).
        accumulator.Add([12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22], new HashSet<int> { 12, 22 });

        double[] ndcg = [1 / Log2(3), 0, 1 / (1 + (1 / Log2(3)))];
        var mean = ndcg.Average();
        var sd = Math.Sqrt(ndcg.Sum(x => (x - mean) * (x - mean)) / 2);

        // ILD: A's top 10 (0..9) has categories 0,1,2,0,1,2,0,1,2,0: same-category pairs C(4,2)+C(3,2)+C(3,2) = 12 of 45.
        // C's top 10 (12..21): 0,1,2,0,1,2,0,1,2,0: the same.
        var ild = 33.0 / 45;

        // Coverage: A 0..9, B 29 and 3, C 12..21: 10 + 1 + 10 = 21 of 30.
        var summary = accumulator.Summarize();
        Assert.Equal(3, summary.Users);
        Assert.Equal(mean, summary.NdcgAt10, 12);
        Assert.Equal(sd / Math.Sqrt(3), summary.NdcgAt10StandardError, 12);
        Assert.Equal(2.0 / 3, summary.HitRateAt10, 12);
        Assert.Equal((1 + 0 + 0.5) / 3, summary.RecallAt10, 12);
        Assert.Equal((1 + 0 + 1) / 3.0, summary.RecallAt20, 12);
        Assert.Equal(21.0 / 30, summary.CoverageAt10, 12);
        Assert.Equal(ild, summary.DiversityAt10, 12);
    }

    [Fact]
    public void Paired_standard_error_is_the_sample_sd_of_per_user_differences_over_sqrt_n()
    {
        static RecommenderResult Row(string name, params double[] ndcg) =>
            new(name, new MetricSummary(ndcg.Length, ndcg.Average(), 0, 0, 0, 0, 0), 0, 0, null, new UserResults(new MetricSummary(0, 0, 0, 0, 0, 0, 0), [.. ndcg.Select(n => new UserScore(n, 0, 0, 0))], null));

        var comparisons = PairedComparison.Compute([Row("sdk", 0.5, 0.2, 0.0, 1.0), Row("ease", 0.1, 0.4, 0.0, 0.5)], ["sdk"]);

        // Differences 0.4, -0.2, 0, 0.5: mean 0.175; deviations 0.225, -0.375, -0.175, 0.325.
        var variance = ((0.225 * 0.225) + (0.375 * 0.375) + (0.175 * 0.175) + (0.325 * 0.325)) / 3;
        var ease = Assert.Single(comparisons);
        Assert.Equal("ease", ease.Baseline);
        Assert.Equal(0.175, ease.Difference, 12);
        Assert.Equal(Math.Sqrt(variance / 4), ease.StandardError, 12);
    }

    // ---- protocol ---------------------------------------------------------------------------

    /// <summary>The protocol as the README states it, written plainly.</summary>
    private static (List<Interaction> Train, List<Interaction> Test, DateTimeOffset Split) ReferenceProtocol(IReadOnlyList<Interaction> log)
    {
        var ordered = log.Select((r, i) => (r, i)).OrderBy(x => x.r.Timestamp).ThenBy(x => x.i).Select(x => x.r).ToList();
        var earliest = new List<Interaction>();
        var pairs = new HashSet<(string, string)>();
        foreach (var r in ordered)
        {
            if (pairs.Add((r.UserKey, r.ItemKey)))
            {
                earliest.Add(r);
            }
        }

        var itemCounts = earliest.GroupBy(r => r.ItemKey).ToDictionary(g => g.Key, g => g.Count());
        var afterItems = earliest.Where(r => itemCounts[r.ItemKey] >= 5).ToList();
        var userCounts = afterItems.GroupBy(r => r.UserKey).ToDictionary(g => g.Key, g => g.Count());
        var filtered = afterItems.Where(r => userCounts[r.UserKey] >= 5).ToList();

        var ticks = filtered.Select(r => r.Timestamp.UtcTicks).Order().ToArray();
        var position = 0.9 * (ticks.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, ticks.Length - 1);
        var split = new DateTimeOffset(ticks[lo] + (long)Math.Round((ticks[hi] - ticks[lo]) * (position - lo)), TimeSpan.Zero);

        var train = filtered.Where(r => r.Timestamp <= split).ToList();
        var users = train.Select(r => r.UserKey).ToHashSet();
        var items = train.Select(r => r.ItemKey).ToHashSet();
        var test = filtered.Where(r => r.Timestamp > split && users.Contains(r.UserKey) && items.Contains(r.ItemKey)).ToList();
        return (train, test, split);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Prepare_matches_a_plain_reference_of_the_stated_protocol_on_random_logs_with_duplicates_and_ties(int seed)
    {
        var random = new Random(seed);
        var log = new List<Interaction>();
        for (var n = 0; n < 600; n++)
        {
            // Coarse times (many ties), skewed users and items, repeats of pairs.
            log.Add(Row("u" + Math.Min(random.Next(40), random.Next(40)), "i" + Math.Min(random.Next(30), random.Next(30)), random.Next(200) * 3600));
        }

        var (train, test, split) = ReferenceProtocol(log);
        var prepared = EvaluationProtocol.Prepare(log);

        Assert.Equal(split, prepared.SplitTime);
        Assert.Equal(train.Select(r => (r.UserKey, r.ItemKey, r.Timestamp)).Order(), prepared.Train.Select(r => (r.UserKey, r.ItemKey, r.Timestamp)).Order());
        Assert.Equal(test.Select(r => (r.UserKey, r.ItemKey, r.Timestamp)).Order(), prepared.Test.Select(r => (r.UserKey, r.ItemKey, r.Timestamp)).Order());
    }

    [Fact]
    public void Every_test_user_is_ranked_over_every_training_item_but_their_own_at_the_split_and_relevance_is_their_test_items()
    {
        var dataset = BusyShop();
        var prepared = EvaluationProtocol.Prepare(dataset.Interactions);
        var data = new PreparedData(dataset, prepared, seed: 5);
        var recorder = new RecordingRecommender();
        OfflineEvaluator.EvaluateUsers(recorder, data);

        var trainItems = prepared.Train.Select(r => r.ItemKey).ToHashSet();
        var testUsers = prepared.Test.Select(r => r.UserKey).Distinct().Order().ToArray();
        Assert.Equal(testUsers, recorder.Requests.Select(r => data.Train.UserKeys[r.User]).Order());
        foreach (var (user, candidates, now) in recorder.Requests)
        {
            var key = data.Train.UserKeys[user];
            var own = prepared.Train.Where(r => r.UserKey == key).Select(r => r.ItemKey).ToHashSet();
            Assert.Equal(trainItems.Except(own).Order(), candidates.Select(c => data.Train.ItemKeys[c]).Order());
            Assert.Equal(prepared.SplitTime, now);
            Assert.Equal(
                prepared.Test.Where(r => r.UserKey == key).Select(r => r.ItemKey).Order(),
                data.Relevant[user].Select(i => data.Train.ItemKeys[i]).Order());
        }
    }

    // ---- baselines ---------------------------------------------------------------------------

    private static double[,] Invert(double[,] m)
    {
        var n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = m[i, j];
            }

            a[i, n + i] = 1;
        }

        for (var c = 0; c < n; c++)
        {
            var p = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(a[r, c]));
            for (var j = 0; j < 2 * n; j++)
            {
                (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            }

            var pivot = a[c, c];
            for (var j = 0; j < 2 * n; j++)
            {
                a[c, j] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != c)
                {
                    var f = a[r, c];
                    for (var j = 0; j < 2 * n; j++)
                    {
                        a[r, j] -= f * a[c, j];
                    }
                }
            }
        }

        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i, j] = a[i, n + j];
            }
        }

        return inverse;
    }

    private static readonly string[] Items = ["a", "b", "c", "d"];

    // u1: a, b; u2: a, b, c; u3: c, d; u4: a.
    private static readonly Dictionary<string, string[]> UserItems = new()
    {
        ["u1"] = ["a", "b"],
        ["u2"] = ["a", "b", "c"],
        ["u3"] = ["c", "d"],
        ["u4"] = ["a"],
    };

    private static int Co(string i, string j) => UserItems.Values.Count(items => items.Contains(i) && items.Contains(j));

    [Fact]
    public void Ease_weights_match_steck_closed_form_computed_by_gauss_jordan()
    {
        const double lambda = 2;
        var g = new double[4, 4];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                g[i, j] = Co(Items[i], Items[j]) + (i == j ? lambda : 0);
            }
        }

        var p = Invert(g);
        var ease = new EaseRecommender(lambda);
        ease.Fit(FourUserLog.Train);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var expected = i == j ? 0 : -p[i, j] / p[j, j];
                Assert.Equal(expected, ease.Weights.Weight(FourUserLog.Item(Items[i]), FourUserLog.Item(Items[j])), 5);
            }
        }
    }

    [Fact]
    public void Rp3beta_weights_match_the_three_step_walk_computed_plainly()
    {
        const double alpha = 0.7, beta = 0.3;
        var rp3 = new Rp3BetaRecommender(alpha, beta);
        rp3.Fit(FourUserLog.Train);
        foreach (var i in Items)
        {
            foreach (var j in Items)
            {
                var popI = UserItems.Values.Count(items => items.Contains(i));
                var popJ = UserItems.Values.Count(items => items.Contains(j));

                // P(i -> u) = 1/|users(i)|, P(u -> j) = 1/|items(u)|, each raised to alpha; then / pop(j)^beta.
                var walk = UserItems.Values.Where(items => items.Contains(i) && items.Contains(j))
                    .Sum(items => Math.Pow(1.0 / popI, alpha) * Math.Pow(1.0 / items.Length, alpha));
                var expected = i == j ? 0 : walk / Math.Pow(popJ, beta);
                Assert.Equal(expected, rp3.Weights.Weight(FourUserLog.Item(i), FourUserLog.Item(j)), 5);
            }
        }
    }

    [Fact]
    public void Item_knn_scores_are_sums_of_cosines_over_the_users_items_neighbour_lists()
    {
        var knn = new ItemKnnRecommender(neighbours: 10);
        knn.Fit(FourUserLog.Train);
        int[] candidates = [.. Items.Select(FourUserLog.Item)];
        var scores = new double[4];
        knn.Score(FourUserLog.User("u1"), candidates, scores);

        static double Cos(string i, string j) => i == j ? 0 : Co(i, j) / Math.Sqrt(Co(i, i) * Co(j, j));
        for (var c = 0; c < 4; c++)
        {
            Assert.Equal(UserItems["u1"].Sum(i => Cos(i, Items[c])), scores[c], 5);
        }
    }

    [Fact]
    public void Decayed_popularity_orders_items_by_the_sum_of_two_to_the_minus_age_over_half_life_at_the_decision()
    {
        // "old" has 3 interactions 10 days before the decision, "new" 1 interaction 1 day before; half-life 2 days:
        // old = 3 * 2^-5 = 0.094, new = 2^-0.5 = 0.71: new first. A plain count would put old first.
        const double day = 86_400;
        Interaction[] log =
        [
            Row("u1", "old", 0), Row("u2", "old", 0), Row("u3", "old", 0), Row("u4", "new", 9 * day),
        ];
        var train = new TrainingSet(log, [], EventKind.Purchase, seed: 3);
        var decayed = new DecayedPopularityRecommender(2);
        decayed.Fit(train);
        var now = At(10 * day);
        train.TryGetItem("old", out var old);
        train.TryGetItem("new", out var fresh);

        Assert.Equal(3 * Math.Pow(2, -5), decayed.Score(old, now), 9);
        Assert.Equal(Math.Pow(2, -0.5), decayed.Score(fresh, now), 9);
        var top = new int[2];
        Assert.Equal(2, decayed.Recommend(0, [old, fresh], now, top));
        Assert.Equal([fresh, old], top);
    }

    [Theory]
    [InlineData(17, 100)]
    [InlineData(37, 5)]
    [InlineData(70, 30)]
    public void Ease_on_a_random_log_larger_than_one_block_matches_gauss_jordan(int items, double lambda)
    {
        var random = new Random(items);
        var log = new List<Interaction>();
        var pairs = new HashSet<(int, int)>();
        for (var n = 0; n < items * 12; n++)
        {
            var (u, i) = (random.Next(items * 2), Math.Min(random.Next(items), random.Next(items)));
            if (pairs.Add((u, i)))
            {
                log.Add(Row("u" + u, "i" + i, n));
            }
        }

        var train = new TrainingSet(log, [], EventKind.Purchase, seed: 1);
        var n2 = train.ItemKeys.Count;
        var g = new double[n2, n2];
        foreach (var own in train.UserItems)
        {
            foreach (var i in own)
            {
                foreach (var j in own)
                {
                    g[i, j]++;
                }
            }
        }

        for (var i = 0; i < n2; i++)
        {
            g[i, i] += lambda;
        }

        var p = Invert(g);
        var ease = new EaseRecommender(lambda);
        ease.Fit(train);
        for (var i = 0; i < n2; i++)
        {
            for (var j = 0; j < n2; j++)
            {
                var expected = i == j ? 0 : -p[i, j] / p[j, j];
                Assert.Equal(expected, ease.Weights.Weight(i, j), 5);
            }
        }
    }

    [Fact]
    public void Rp3beta_top_k_keeps_each_rows_k_largest_weights()
    {
        var random = new Random(9);
        var log = new List<Interaction>();
        var pairs = new HashSet<(int, int)>();
        for (var n = 0; n < 400; n++)
        {
            var (u, i) = (random.Next(60), Math.Min(random.Next(25), random.Next(25)));
            if (pairs.Add((u, i)))
            {
                log.Add(Row("u" + u, "i" + i, n));
            }
        }

        var train = new TrainingSet(log, [], EventKind.Purchase, seed: 1);
        var dense = new Rp3BetaRecommender(0.5, 0.4);
        dense.Fit(train);
        var sparse = new Rp3BetaRecommender(0.5, 0.4, neighbours: 3);
        sparse.Fit(train);
        var n2 = train.ItemKeys.Count;
        for (var i = 0; i < n2; i++)
        {
            var keep = Enumerable.Range(0, n2).OrderByDescending(j => dense.Weights.Weight(i, j)).ThenBy(j => j).Take(3).ToHashSet();
            for (var j = 0; j < n2; j++)
            {
                Assert.Equal(keep.Contains(j) ? dense.Weights.Weight(i, j) : 0, sparse.Weights.Weight(i, j), 6);
            }
        }
    }

    // ---- the SDK row and the per-user output ---------------------------------------------

    [Fact]
    public void The_sdk_row_applies_exactly_the_training_rows_before_it_ranks()
    {
        var dataset = BusyShop();
        var report = EvaluationRunner.Run(dataset, new RunOptions(Ablation: false, Prequential: false, RandomSeeds: 1), SilentProgressReporter.Instance);
        var sdk = report.Results.Single(r => r.Name == "sdk");
        var applied = sdk.SdkCounters!.Where(c => c.Key.StartsWith("personalize.events.applied", StringComparison.Ordinal)).Sum(c => c.Value);

        Assert.Equal(report.Statistics.TrainRows, applied);
    }
}
