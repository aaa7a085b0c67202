using System.Globalization;
using System.Text;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Learning;

/// <summary>
/// Learned weights against the hand-set defaults: on validation windows 1–3 of each training period
/// (<see cref="RunValidation"/>), or, once, on the test period (<see cref="RunTest"/>). Weights are
/// always learned from the events before the period scored, and served through the SDK's options.
/// </summary>
internal static class LearnedWeightsExperiment
{
    /// <summary>The validation windows.</summary>
    public const int Windows = 3;

    /// <summary>One scored split: the defaults and each variant.</summary>
    /// <param name="Dataset">The data set.</param>
    /// <param name="Window">The validation window, or 0 for the test period.</param>
    /// <param name="Examples">The examples of the item taken next (the variants without a horizon).</param>
    /// <param name="Defaults">The defaults' result.</param>
    /// <param name="Learned">Each variant, the weights it served and its result.</param>
    /// <param name="Horizons">The examples of each reward horizon the variants used, with the horizon's span.</param>
    internal sealed record SplitResult(string Dataset, int Window, RewardExamples Examples, RecommenderResult Defaults, IReadOnlyList<(LearningVariant Variant, SdkConfiguration Configuration, RecommenderResult Result)> Learned, IReadOnlyList<(RewardHorizon Horizon, TimeSpan Span, RewardExamples Examples)>? Horizons = null);

    /// <summary>
    /// Scores every variant on the validation windows of each data set; never reads a test period.
    /// With <paramref name="strictValidation"/> the windows are cut from the training period filtered
    /// alone (<see cref="TemporalSplit.TrainingPeriodAlone"/>).
    /// </summary>
    public static string RunValidation(IReadOnlyList<Dataset> datasets, LearningSettings settings, int seed, IProgressReporter reporter, bool strictValidation = false)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var results = new List<SplitResult>();
        foreach (var dataset in datasets)
        {
            var full = EvaluationProtocol.Prepare(dataset.Interactions);
            for (var window = 1; window <= Windows; window++)
            {
                var split = EvaluationProtocol.ValidationSplit(strictValidation ? full.TrainingPeriodAlone : full.Train, window);
                EvaluationProtocol.RequireTestUsers(split, dataset.Name, window);
                var data = new PreparedData(dataset, split, seed);
                results.Add(Score(dataset.Name, window, data, LearningVariant.All, settings, reporter));
            }
        }

        var report = Write(results, settings, validation: true);
        return strictValidation
            ? "Strict validation windows: cut from the training period filtered alone (`--strict-validation`).\n\n" + report
            : report;
    }

    /// <summary>Reads the test period once: learns from the whole training period with <paramref name="variant"/> and scores it beside the defaults.</summary>
    public static string RunTest(IReadOnlyList<Dataset> datasets, LearningVariant variant, LearningSettings settings, int seed, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var results = datasets
            .Select(dataset => Score(dataset.Name, 0, new PreparedData(dataset, EvaluationProtocol.Prepare(dataset.Interactions), seed), [variant], settings, reporter))
            .ToList();
        return Write(results, settings, validation: false);
    }

    /// <summary>Collects examples from <paramref name="data"/>'s training set only, learns each variant, and scores all on its test users.</summary>
    public static SplitResult Score(string dataset, int window, PreparedData data, IReadOnlyList<LearningVariant> variants, LearningSettings settings, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reporter);
        var label = window > 0 ? $"{dataset} (validation window {window})" : $"{dataset} (TEST period)";
        RewardExamples examples;
        using (reporter.Stage($"{label}: collect outcomes"))
        {
            examples = OutcomeCollector.Collect(data.Train, settings);
        }

        reporter.Note($"{label}: {examples.Steps:N0} training steps, {examples.Examples.Count:N0} examples, next item in the default top {settings.PoolSize} at {Share(examples.PositivesInPool, examples.Steps)}");

        // Each reward horizon the variants use is collected once, over the same sampled steps.
        var periodSpan = PeriodSpan(data.Split);
        var horizons = new List<(RewardHorizon Horizon, TimeSpan Span, RewardExamples Examples)>();
        foreach (var horizon in variants.Select(v => v.Horizon).OfType<RewardHorizon>().Distinct())
        {
            var span = horizon.Resolve(periodSpan);
            RewardExamples collected;
            using (reporter.Stage($"{label}: collect outcomes within {span.TotalDays:F1} days"))
            {
                collected = OutcomeCollector.Collect(data.Train, settings with { Horizon = span, VisitStarts = horizon.VisitStarts });
            }

            reporter.Note($"{label}: horizon {horizon.Description} ({span.TotalDays:F1} days): {collected.Steps:N0} steps, {collected.Examples.Count:N0} examples, {PositivesPerStep(collected):F2} positives a step, {Share(collected.Examples.Count(e => e.Reward > 0 && e.Source == ExampleSource.Pool), collected.Examples.Count(e => e.Reward > 0))} of them in the default top {settings.PoolSize}");
            horizons.Add((horizon, span, collected));
        }

        RewardExamples ExamplesOf(LearningVariant variant) => variant.Horizon is null ? examples : horizons.First(h => h.Horizon == variant.Horizon).Examples;
        var configurations = variants.Select(v => (Variant: v, Configuration: WeightLearner.Configure(ExamplesOf(v), v, reporter))).ToArray();
        var rows = new RecommenderResult[configurations.Length + 1];
        Parallel.For(0, rows.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var configuration = i == 0 ? SdkConfiguration.Default : configurations[i - 1].Configuration;
            rows[i] = EvaluationRunner.Evaluate(new SdkRecommender(configuration), data, label, SilentProgressReporter.Instance);
        });
        foreach (var row in rows)
        {
            reporter.Note($"{label}: {row.Name}: nDCG@10 {row.Metrics.NdcgAt10:F4}, coverage@10 {row.Metrics.CoverageAt10:F4}");
        }

        return new SplitResult(dataset, window, examples, rows[0], [.. configurations.Select((c, i) => (c.Variant, c.Configuration, rows[i + 1]))], horizons);
    }

    /// <summary>
    /// The span of the period <paramref name="split"/> scores: from its split time (where every
    /// decision is made) to the last interaction it scores. Only times are read, no outcome.
    /// </summary>
    public static TimeSpan PeriodSpan(TemporalSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split.Test.Count > 0 ? split.Test.Max(i => i.Timestamp) - split.SplitTime : TimeSpan.Zero;
    }

    /// <summary>The mean number of positives over the steps that have one.</summary>
    private static double PositivesPerStep(RewardExamples examples) =>
        examples.Steps > 0 ? examples.Examples.Count(e => e.Reward > 0) / (double)examples.Steps : 0;

    /// <summary>The paired difference in nDCG@10 (learned − defaults) over the same users, and its standard error.</summary>
    public static (double Mean, double StandardError) Paired(RecommenderResult learned, RecommenderResult defaults)
    {
        ArgumentNullException.ThrowIfNull(learned);
        ArgumentNullException.ThrowIfNull(defaults);
        var a = learned.Users?.Scores ?? [];
        var b = defaults.Users?.Scores ?? [];
        var n = Math.Min(a.Count, b.Count);
        if (n < 2)
        {
            return (0, 0);
        }

        var d = Enumerable.Range(0, n).Select(i => a[i].NdcgAt10 - b[i].NdcgAt10).ToArray();
        var mean = d.Average();
        var variance = d.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        return (mean, Math.Sqrt(variance / n));
    }

    private static string Write(IReadOnlyList<SplitResult> results, LearningSettings settings, bool validation)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"# Learned weights against the defaults ({(validation ? "validation windows of the training period" : "TEST period, one read")})");
        text.AppendLine();
        text.AppendLine(inv, $"Settings: pool top {settings.PoolSize} of the default mix, {settings.RandomNegatives} random negatives, at most ~{settings.MaxSteps} steps sampled from the last {1 - settings.StartShare:P0} of the training events, seed {settings.Seed}. Weights: ridge on signal values, negatives clipped to 0, served through the SDK's options.");
        text.AppendLine();
        text.AppendLine("| data set | window | steps | next item in pool | variant | defaults nDCG@10 | learned nDCG@10 | learned − defaults (paired) | defaults cov@10 | learned cov@10 | learned weights | learned cold-start weights |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var split in results)
        {
            foreach (var (variant, configuration, result) in split.Learned)
            {
                var (mean, se) = Paired(result, split.Defaults);

                // A variant's own steps (visit-start variants sample other steps; a positive of theirs in the pool counts).
                var own = variant.Horizon is { } h && split.Horizons?.FirstOrDefault(x => x.Horizon == h).Examples is { } collected ? collected : split.Examples;
                text.AppendLine(inv, $"| {split.Dataset} | {(split.Window > 0 ? split.Window.ToString(inv) : "test")} | {own.Steps} | {Share(own.PositivesInPool, own.Steps)} | {variant.Name} | {split.Defaults.Metrics.NdcgAt10:F4} | {result.Metrics.NdcgAt10:F4} | {mean:+0.0000;-0.0000} ({(se > 0 ? mean / se : 0):+0.0;-0.0} s.e.) | {split.Defaults.Metrics.CoverageAt10:F3} | {result.Metrics.CoverageAt10:F3} | {(configuration.Weights.Count > 0 ? SdkConfiguration.Format(configuration.Weights) : "defaults (nothing learned: < 100 positives or no weight > 0)")} | {(configuration.ColdStartWeights.Count > 0 ? SdkConfiguration.Format(configuration.ColdStartWeights) : "defaults (nothing learned: < 100 positives or no weight > 0)")} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Means over the windows (learned ÷ defaults):");
        text.AppendLine();
        text.AppendLine("| variant | " + string.Join(" | ", results.Select(r => r.Dataset).Distinct()) + " | smaller ratio | beats defaults on both |");
        text.AppendLine("|---|" + string.Concat(results.Select(r => r.Dataset).Distinct().Select(_ => "---|")) + "---|---|");
        foreach (var variant in results[0].Learned.Select(l => l.Variant))
        {
            var ratios = new List<double>();
            var cells = new List<string>();
            foreach (var group in results.GroupBy(r => r.Dataset))
            {
                var d = group.Average(r => r.Defaults.Metrics.NdcgAt10);
                var l = group.Average(r => r.Learned.First(x => x.Variant == variant).Result.Metrics.NdcgAt10);
                ratios.Add(d > 0 ? l / d : 0);
                cells.Add(string.Create(inv, $"{l:F4} vs {d:F4} ({ratios[^1]:F3})"));
            }

            text.AppendLine(inv, $"| {variant.Name} | {string.Join(" | ", cells)} | {ratios.Min():F3} | {(ratios.All(r => r > 1) ? "yes" : "no")} |");
        }

        if (results.Any(r => r.Horizons is { Count: > 0 }))
        {
            text.AppendLine();
            text.AppendLine("Reward horizons (every item the user took from the step's event to H after it is a positive; same steps as above):");
            if (results.Any(r => r.Horizons?.Any(x => x.Horizon.VisitStarts) == true))
            {
                text.AppendLine("\"Visit starts\": steps only at a user's first event of a new timestamp, ranked before any event of that visit is tracked; its basket and what follows within H are the positives.");
            }
            text.AppendLine();
            text.AppendLine("| data set | window | horizon | H (days) | examples | positives a step | positives in the default top " + settings.PoolSize.ToString(inv) + " |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var split in results)
            {
                foreach (var (horizon, span, examples) in split.Horizons ?? [])
                {
                    var positives = examples.Examples.Count(e => e.Reward > 0);
                    text.AppendLine(inv, $"| {split.Dataset} | {(split.Window > 0 ? split.Window.ToString(inv) : "test")} | {(horizon.VisitStarts ? $"{horizon.Description} ({examples.Steps} steps)" : horizon.Label)} | {span.TotalDays:F1} | {examples.Examples.Count} | {PositivesPerStep(examples):F2} | {Share(examples.Examples.Count(e => e.Reward > 0 && e.Source == ExampleSource.Pool), positives)} |");
                }
            }
        }

        return text.ToString();
    }

    private static string Share(int part, int whole) => whole > 0 ? ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture) : "n/a";
}
