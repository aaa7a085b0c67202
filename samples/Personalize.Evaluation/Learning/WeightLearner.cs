using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Learning;

/// <summary>
/// Turns collected examples into weights the SDK can serve: a ridge regression of reward on the
/// signal values (no confidence interaction: <c>PersonalizationOptions.Weights</c> has one weight
/// per signal), negative weights clipped to 0 (the SDK requires weights ≥ 0), rescaled so the
/// learned signals' weights sum to what the defaults give them (a ranking does not depend on the
/// scale; this keeps the options readable). A signal whose value was 0 in every example (no input
/// in the log) keeps its default. Personalized and cold-start weights are learned apart, from the
/// steps the default mix served personalized or cold start; fewer than
/// <see cref="MinimumSteps"/> positives, or no weight above 0, keep that variant's defaults.
/// </summary>
internal static class WeightLearner
{
    /// <summary>The fewest positives a variant's weights are learned from.</summary>
    public const int MinimumSteps = 100;

    /// <summary>The learned weights for one variant, or null when there were too few examples or no weight came out above 0.</summary>
    public static Dictionary<string, float>? Learn(RewardExamples examples, LearningVariant variant, bool personalized, IReadOnlyDictionary<string, float> defaults, IProgressReporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(defaults);
        if (variant.Softmax)
        {
            return LearnSoftmax(examples, personalized, defaults, reporter);
        }

        var n = examples.Signals.Count;
        var model = new RidgeRegression(n);
        var hasInput = new bool[n];
        var positives = 0;
        var used = examples.Examples.Where(e => e.Personalized == personalized && variant.Uses(e));
        foreach (var step in variant.WithinStep ? used.GroupBy(e => e.Step).Select(g => g.ToArray()) : used.Select(e => new[] { e }))
        {
            var rows = step;
            var meanValues = new float[n];
            double meanReward = 0;
            if (variant.WithinStep)
            {
                foreach (var e in rows)
                {
                    for (var s = 0; s < n; s++)
                    {
                        meanValues[s] += e.Values[s] / rows.Length;
                    }

                    meanReward += e.Reward / rows.Length;
                }
            }

            var x = new float[n];
            foreach (var example in rows)
            {
                for (var s = 0; s < n; s++)
                {
                    x[s] = example.Values[s] - meanValues[s];
                    hasInput[s] |= example.Values[s] != 0;
                }

                model.Observe(x, example.Reward - meanReward);
                positives += example.Reward > 0 ? 1 : 0;
            }
        }

        if (positives < MinimumSteps)
        {
            return null;
        }

        var theta = model.Solve(variant.Ridge);
        double learnedSum = 0, defaultSum = 0;
        for (var s = 0; s < n; s++)
        {
            if (hasInput[s])
            {
                learnedSum += Math.Max(0, theta[s]);
                defaultSum += defaults.TryGetValue(examples.Signals[s], out var w) ? w : 0;
            }
        }

        if (learnedSum <= 0)
        {
            return null;
        }

        var scale = defaultSum > 0 ? defaultSum / learnedSum : 1 / learnedSum;
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var s = 0; s < n; s++)
        {
            var signal = examples.Signals[s];
            weights[signal] = hasInput[s] ? (float)Math.Round(Math.Max(0, theta[s]) * scale, 4) : (defaults.TryGetValue(signal, out var w) ? w : 0);
        }

        return weights;
    }

    /// <summary>The weights of <see cref="CatalogueSoftmax"/> over the steps of one decision variant, or null with too few steps.</summary>
    private static Dictionary<string, float>? LearnSoftmax(RewardExamples examples, bool personalized, IReadOnlyDictionary<string, float> defaults, IProgressReporter? reporter)
    {
        var n = examples.Signals.Count;
        var active = Enumerable.Range(0, n).Where(s => examples.Examples.Any(e => e.Personalized == personalized && e.Values[s] != 0)).ToArray();
        var steps = new List<CatalogueSoftmax.Step>();
        foreach (var group in examples.Examples.Where(e => e.Personalized == personalized).GroupBy(e => e.Step))
        {
            var rows = group.ToArray();
            int[] taken = [.. Enumerable.Range(0, rows.Length).Where(k => rows[k].Reward > 0)];
            var randoms = rows.Count(e => e.Source == ExampleSource.Random);
            if (taken.Length == 0)
            {
                continue;
            }

            // Each random negative stands for its share of the catalogue outside the pool and the item taken.
            var rest = rows[0].StepCandidates - rows.Count(e => e.Source != ExampleSource.Random);
            var randomLogWeight = randoms > 0 && rest > randoms ? Math.Log((double)rest / randoms) : 0;
            steps.Add(new(
                [.. rows.Select(e => active.Select(s => (double)e.Values[s]).ToArray())],
                [.. rows.Select(e => e.Source == ExampleSource.Random ? randomLogWeight : 0)],
                taken));
        }

        if (steps.Count < MinimumSteps || active.Length == 0)
        {
            return null;
        }

        var start = active.Select(s => defaults.TryGetValue(examples.Signals[s], out var w) ? (double)w : 0).ToArray();
        var fit = CatalogueSoftmax.Learn(steps, start);
        var learnedSum = fit.Theta.Sum(t => Math.Max(0, t));
        if (learnedSum <= 0)
        {
            return null;
        }

        var scale = start.Sum() > 0 ? start.Sum() / learnedSum : 1 / learnedSum;
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        for (var s = 0; s < n; s++)
        {
            var signal = examples.Signals[s];
            var a = Array.IndexOf(active, s);
            weights[signal] = a >= 0 ? (float)Math.Round(Math.Max(0, fit.Theta[a]) * scale, 4) : (defaults.TryGetValue(signal, out var w) ? w : 0);
        }

        reporter?.Note(FormattableString.Invariant($"  softmax ({(personalized ? "personalized" : "cold start")}): {steps.Count} steps, temperature {fit.Temperature:F2}, prior strength {fit.Strength:G2} per step"));
        return weights;
    }

    /// <summary>The SDK row serving the weights learned by <paramref name="variant"/> (both decision variants).</summary>
    public static SdkConfiguration Configure(RewardExamples examples, LearningVariant variant, IProgressReporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var defaults = SdkDefaults.Current;
        var weights = Learn(examples, variant, personalized: true, defaults.Weights, reporter) ?? [];
        var coldStart = Learn(examples, variant, personalized: false, defaults.ColdStartWeights, reporter) ?? [];
        return SdkConfiguration.With(weights, coldStart, name: $"sdk (learned: {variant.Name})");
    }
}
