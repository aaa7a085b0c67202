using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

public sealed class LinearRewardModelTests
{
    [Fact]
    public void The_weights_are_the_ridge_solution()
    {
        // Two observations in two dimensions: A = I + x1 x1ᵀ + x2 x2ᵀ, b = r1 x1 + r2 x2.
        var model = new LinearRewardModel(2, ridge: 1);
        model.Observe([1f, 0f], 1);
        model.Observe([1f, 1f], 0);
        var weights = new double[2];

        model.SolveInto(weights);

        // A = [[3, 1], [1, 2]], b = [1, 0]: w = A⁻¹ b = [2, -1] / 5.
        Assert.Equal(0.4, weights[0], precision: 12);
        Assert.Equal(-0.2, weights[1], precision: 12);
    }

    [Fact]
    public void Two_servers_models_merged_equal_one_model_of_all_the_traffic()
    {
        var random = new Random(3);
        var whole = new LinearRewardModel(4);
        var first = new LinearRewardModel(4);
        var second = new LinearRewardModel(4);
        for (var i = 0; i < 1_000; i++)
        {
            float[] x = [1f, (float)random.NextDouble(), (float)random.NextDouble(), random.Next(2)];
            var reward = random.NextDouble();
            whole.Observe(x, reward);
            (i % 3 == 0 ? first : second).Observe(x, reward);
        }

        first.Merge(second);
        var merged = new double[4];
        var expected = new double[4];
        first.SolveInto(merged);
        whole.SolveInto(expected);

        Assert.Equal(whole.Observations, first.Observations);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], merged[i], precision: 9);
        }
    }

    [Fact]
    public void Observing_and_solving_allocate_nothing()
    {
        var model = new LinearRewardModel(7);
        float[] x = [1f, 0.2f, 0.5f, 0f, 0.9f, 0.1f, 0.3f];
        var weights = new double[7];
        model.Observe(x, 1);
        model.SolveInto(weights);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 100; i++)
        {
            model.Observe(x, i % 2);
        }

        model.SolveInto(weights);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_parameter()
    {
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRewardModel(0)).ParamName);
        Assert.Equal("ridge", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRewardModel(2, ridge: 0)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => new LinearRewardModel(2).Observe([1f], 1)).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => new LinearRewardModel(2).Merge(new LinearRewardModel(3))).ParamName);
    }

    /// <summary>
    /// A seeded world whose hidden click rates weigh six signals unevenly (one of them against the
    /// click), against a default that weighs them equally: an epsilon-greedy learner (5%
    /// exploration) that sees only the shown item's reward earns at least 10% more over 20,000
    /// decisions and ranks the signals as the world does.
    /// </summary>
    [Fact]
    public void A_learner_beats_equal_default_weights_and_recovers_the_signals_importance()
    {
        double[] truth = [0.02, 0.30, 0.05, 0.20, -0.15, 0.10]; // the fifth signal hurts, and the default cannot know
        const int Decisions = 20_000;
        const int Candidates = 20;
        const double Epsilon = 0.05;

        var (learned, learnedReward) = Simulate(truth, learn: true);
        var (_, defaultReward) = Simulate(truth, learn: false);

        Assert.True(learnedReward > defaultReward * 1.10, $"learned {learnedReward}, default {defaultReward}");
        int[] byTruth = [.. Enumerable.Range(0, truth.Length).OrderByDescending(s => truth[s])];
        int[] byLearned = [.. Enumerable.Range(0, truth.Length).OrderByDescending(s => learned[s + 1])];
        Assert.Equal(byTruth, byLearned);

        static (double[] Weights, double Reward) Simulate(double[] truth, bool learn)
        {
            var random = new Random(2026);
            var model = new LinearRewardModel(truth.Length + 1);
            var weights = new double[truth.Length + 1];
            Array.Fill(weights, 1.0); // the default: every signal weighs the same
            weights[0] = 0;
            var features = new float[Candidates][];
            var total = 0.0;
            for (var decision = 0; decision < Decisions; decision++)
            {
                var best = 0;
                var bestScore = double.MinValue;
                for (var c = 0; c < Candidates; c++)
                {
                    features[c] ??= new float[truth.Length + 1];
                    features[c][0] = 1f; // the intercept
                    for (var s = 0; s < truth.Length; s++)
                    {
                        features[c][s + 1] = (float)random.NextDouble();
                    }

                    var score = LinearRewardModel.Predict(features[c], weights);
                    if (score > bestScore)
                    {
                        (best, bestScore) = (c, score);
                    }
                }

                var explore = random.NextDouble() < Epsilon;
                var shown = learn && explore ? random.Next(Candidates) : best;
                var rate = 0.17;
                for (var s = 0; s < truth.Length; s++)
                {
                    rate += truth[s] * features[shown][s + 1];
                }

                var reward = random.NextDouble() < rate ? 1.0 : 0.0;
                total += reward;
                if (learn)
                {
                    model.Observe(features[shown], reward);
                    if (decision % 100 == 99)
                    {
                        model.SolveInto(weights); // off the request path, every 100 rewards
                    }
                }
            }

            return (weights, total);
        }
    }
}
