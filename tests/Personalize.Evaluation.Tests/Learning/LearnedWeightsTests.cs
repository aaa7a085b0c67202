using Personalize.Evaluation.Learning;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Tests.Learning;

public sealed class LearnedWeightsTests
{
    [Fact]
    public void Ridge_regression_recovers_an_exact_linear_reward()
    {
        var model = new RidgeRegression(2);
        var random = new Random(3);
        for (var i = 0; i < 500; i++)
        {
            float[] x = [(float)random.NextDouble(), (float)random.NextDouble()];
            model.Observe(x, 0.5 + (2 * x[0]) - x[1]);
        }

        var theta = model.Solve(1e-9);

        Assert.Equal(2, theta[0], 4);
        Assert.Equal(-1, theta[1], 4);
        Assert.Equal(0.5, theta[2], 4);
    }

    [Fact]
    public void The_learner_recovers_a_planted_weighting_of_signals_and_clips_a_harmful_one_to_zero()
    {
        // Each step: 16 candidates with random popularity, trending and co-occurrence values; the user
        // takes the one with the best 3·popularity + 1·trending − 1·co-occurrence (plus noise).
        var signals = SdkSignals.All.ToArray();
        int pop = Array.IndexOf(signals, BuiltInSignals.Popularity), trend = Array.IndexOf(signals, BuiltInSignals.Trending), co = Array.IndexOf(signals, BuiltInSignals.CoOccurrence);
        var random = new Random(5);
        var examples = new List<RewardExample>();
        for (var step = 0; step < 2000; step++)
        {
            var candidates = Enumerable.Range(0, 16).Select(_ =>
            {
                var values = new float[signals.Length];
                values[pop] = (float)random.NextDouble();
                values[trend] = (float)random.NextDouble();
                values[co] = (float)random.NextDouble();
                return values;
            }).ToArray();
            var best = candidates.Select((v, i) => (Utility: (3 * v[pop]) + v[trend] - v[co] + (0.3 * random.NextDouble()), Index: i)).Max().Index;
            examples.AddRange(candidates.Select((v, i) => new RewardExample(v, i == best ? 1 : 0, ExampleSource.Pool, Personalized: true)));
        }

        var defaults = SdkDefaults.Current.Weights;
        var weights = WeightLearner.Learn(new RewardExamples(signals, examples, 2000, 2000), LearningVariant.Named("pool"), personalized: true, defaults);

        Assert.NotNull(weights);
        Assert.True(weights[BuiltInSignals.Popularity] > 1.5 * weights[BuiltInSignals.Trending], $"popularity {weights[BuiltInSignals.Popularity]} vs trending {weights[BuiltInSignals.Trending]}");
        Assert.True(weights[BuiltInSignals.Trending] > 0, "trending helps and must keep a weight");
        Assert.Equal(0f, weights[BuiltInSignals.CoOccurrence]);

        // A signal that never had a value keeps its default; the learned ones sum to the defaults' sum.
        Assert.Equal(defaults[BuiltInSignals.Freshness], weights[BuiltInSignals.Freshness]);
        var learnedSum = weights[BuiltInSignals.Popularity] + weights[BuiltInSignals.Trending] + weights[BuiltInSignals.CoOccurrence];
        var defaultSum = defaults[BuiltInSignals.Popularity] + defaults[BuiltInSignals.Trending] + defaults[BuiltInSignals.CoOccurrence];
        Assert.Equal(defaultSum, learnedSum, 2);

        // No examples of cold-start decisions: those weights are not learned.
        Assert.Null(WeightLearner.Learn(new RewardExamples(signals, examples, 2000, 2000), LearningVariant.Named("pool"), personalized: false, SdkDefaults.Current.ColdStartWeights));
    }

    [Fact]
    public void The_collector_labels_exactly_the_next_item_of_each_sampled_training_step()
    {
        var dataset = SyntheticLog.BusyShop();
        var data = new PreparedData(dataset, EvaluationProtocol.Prepare(dataset.Interactions), 42);

        var examples = OutcomeCollector.Collect(data.Train, new LearningSettings(PoolSize: 5, RandomNegatives: 3, MaxSteps: 1000, StartShare: 0.5));

        Assert.InRange(examples.Steps, 50, data.Train.Events.Count / 2);
        Assert.Equal(examples.Steps, (int)examples.Examples.Sum(e => e.Reward));
        Assert.InRange(examples.PositivesInPool, 1, examples.Steps - 1);
        Assert.Equal(examples.Steps - examples.PositivesInPool, examples.Examples.Count(e => e.Source == ExampleSource.PositiveOutsidePool));
        Assert.All(examples.Examples, e => Assert.All(e.Values, v => Assert.InRange(v, 0f, 1f)));
        Assert.Contains(examples.Examples, e => e.Values[Array.IndexOf(examples.Signals.ToArray(), BuiltInSignals.Popularity)] > 0);
    }
}
