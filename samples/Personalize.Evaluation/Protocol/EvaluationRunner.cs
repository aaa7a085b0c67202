using System.Diagnostics;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Protocol;

/// <summary>Runs every recommender on one data set through the same protocol code.</summary>
internal static class EvaluationRunner
{
    /// <summary>The recommenders of a run, in table order.</summary>
    /// <param name="options">What the run includes.</param>
    /// <param name="baselines">The baselines' hyperparameters; <see cref="BaselineDefaults.Untuned"/> when null.</param>
    public static IReadOnlyList<Func<IRecommender>> Recommenders(RunOptions options, BaselineSettings? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = baselines ?? BaselineDefaults.Untuned;
        var list = new List<Func<IRecommender>>();
        list.AddRange(options.RandomSeedValues().Select(seed => (Func<IRecommender>)(() => new RandomRecommender(seed))));
        list.AddRange(
        [
            () => new MostPopularRecommender(),
            () => new DecayedPopularityRecommender(settings.HalfLifeDays),
            () => new ItemKnnRecommender(settings.Neighbours),
            () => new EaseRecommender(settings.EaseLambda),
            () => new Rp3BetaRecommender(settings.Rp3Alpha, settings.Rp3Beta, settings.Rp3Neighbours),
            () => new SdkRecommender(SdkConfiguration.Default),
        ]);
        if (options.Ablation)
        {
            list.AddRange(SdkSignals.All.Select(signal => (Func<IRecommender>)(() => new SdkRecommender(SdkConfiguration.Alone(signal)))));
            list.Add(() => new SdkRecommender(SdkConfiguration.DefaultOptions));
        }

        if (options.ExtraSdk is { } extra)
        {
            list.Add(() => new SdkRecommender(extra));
        }

        // Experimental (ease-study): rows only when asked for (the console reads PERSONALIZE_EVAL_EASE_SIGNAL).
        foreach (var variant in options.EaseSignals)
        {
            list.Add(() => variant.CreateRecommender(settings.EaseLambda));
        }

        return list;
    }

    /// <summary>The names of the rows a run with <paramref name="options"/> scores, in table order (nothing is fitted).</summary>
    public static IReadOnlyList<string> RowNames(RunOptions options) =>
        [.. Recommenders(options).Select(static create =>
        {
            var recommender = create();
            (recommender as IDisposable)?.Dispose();
            return recommender.Name;
        })];

    /// <summary>Applies the protocol to <paramref name="dataset"/> and evaluates every recommender.</summary>
    public static DatasetReport Run(Dataset dataset, RunOptions options, IProgressReporter reporter, Stopwatch? clock = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reporter);
        clock ??= Stopwatch.StartNew();
        var split = EvaluationProtocol.Prepare(dataset.Interactions);
        if (options.Validation > 0)
        {
            split = EvaluationProtocol.ValidationSplit(options.ValidationRows(split), options.Validation) is var validation
                ? validation with { Statistics = validation.Statistics with { Loaded = split.Statistics.Loaded, Deduplicated = split.Statistics.Deduplicated, ItemFiltered = split.Statistics.ItemFiltered, UserFiltered = split.Statistics.UserFiltered, TrainRowsKeptThroughTestPeriod = split.Statistics.TrainRowsKeptThroughTestPeriod } }
                : split;
        }

        if (split.Statistics.TestUsers == 0)
        {
            // Every metric would be an average over nobody: a run that read nothing is a failed run.
            throw new InvalidDataException(options.Validation > 0
                ? $"{dataset.Name}: validation window {options.Validation} has no test user (a user and an item seen before it); choose a smaller window."
                : $"{dataset.Name}: the test split has no test user (a user and an item seen in training); the log is too small for the protocol.");
        }

        var data = new PreparedData(dataset, split, options.Seed);
        var baselines = options.BaselinesFor(dataset.Name);
        reporter.Note($"{dataset.Name}: {Describe(data.Split.Statistics)}; split at {data.SplitTime:yyyy-MM-dd HH:mm:ss}{(options.Validation > 0 ? $" (validation window {options.Validation}, inside the training period)" : string.Empty)}");

        reporter.Note($"{dataset.Name}: baselines {baselines.Describe()}");
        var results = Recommenders(options, baselines).Select(create => Evaluate(create(), data, dataset.Name, reporter)).ToArray();
        IReadOnlyList<PrequentialSeries> prequential = options.Prequential
            ? RunPrequential(data, options, baselines, dataset.Name, reporter)
            : [];
        var diagnostics = DatasetDiagnostics.Compute(data);
        var experimental = options.EaseSignals.Select(v => v.RowName).ToArray();
        return new DatasetReport(dataset.Name, data.Split.Statistics, data.SplitTime, results, prequential, diagnostics, clock.Elapsed.TotalSeconds, options.Validation, SegmentBreakdown.Compute(results, (options.ExtraSdk is { } extra ? SegmentBreakdown.ShownRows.Append(extra.Name) : SegmentBreakdown.ShownRows).Concat(experimental)),
            PairedComparison.Compute(results, (options.ExtraSdk is { } row ? [SdkConfiguration.Default.Name, row.Name] : new[] { SdkConfiguration.Default.Name }).Concat(experimental)),
            baselines,
            RandomSpread.Compute(results),
            PerUserRow.Compute(data, results))
        {
            StrictValidation = options.Validation > 0 && options.StrictValidation,
        };
    }

    /// <summary>Fits and evaluates one recommender, timing both.</summary>
    public static RecommenderResult Evaluate(IRecommender recommender, PreparedData data, string label, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(reporter);
        try
        {
            var watch = Stopwatch.StartNew();
            using (reporter.Stage($"{label}: fit {recommender.Name}"))
            {
                recommender.Fit(data.Train);
            }

            var fit = watch.Elapsed.TotalSeconds;
            watch.Restart();
            UserResults users;
            using (var stage = reporter.Stage($"{label}: rank {recommender.Name}"))
            {
                users = OfflineEvaluator.EvaluateUsers(recommender, data, stage);
            }

            var metrics = users.Summary;

            var counters = (recommender as SdkRecommender)?.Counters;
            reporter.Note($"{label}: {recommender.Name}: nDCG@10 {metrics.NdcgAt10:F4}, HR@10 {metrics.HitRateAt10:F4}, coverage@10 {metrics.CoverageAt10:F4} ({fit:F1}s fit, {watch.Elapsed.TotalSeconds:F1}s rank)");
            return new RecommenderResult(recommender.Name, metrics, fit, watch.Elapsed.TotalSeconds, counters, users);
        }
        finally
        {
            (recommender as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The prequential walks: the SDK live and frozen (and the extra SDK row live), with item-kNN,
    /// most-popular and a live time-decayed popularity for reference.
    /// </summary>
    public static IReadOnlyList<PrequentialSeries> RunPrequential(PreparedData data, RunOptions options, BaselineSettings baselines, string label, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(reporter);
        var walks = new List<(string Name, Func<IRecommender> Create, bool Live)>
        {
            ("sdk (live)", () => new SdkRecommender(SdkConfiguration.Default), true),
            ("sdk (frozen)", () => new SdkRecommender(SdkConfiguration.Default), false),
        };
        if (options.ExtraSdk is { } extra)
        {
            walks.Add(($"{extra.Name} (live)", () => new SdkRecommender(extra), true));
        }

        walks.AddRange(
        [
            ("item-knn (live history)", () => new ItemKnnRecommender(baselines.Neighbours), true),
            ("item-knn (frozen)", () => new ItemKnnRecommender(baselines.Neighbours), false),
            ("most-popular (frozen)", () => new MostPopularRecommender(), false),
            ("decayed-popularity (live)", () => new DecayedPopularityRecommender(baselines.HalfLifeDays), true),
        ]);
        var series = new List<PrequentialSeries>();
        foreach (var (name, create, live) in walks)
        {
            var recommender = create();
            try
            {
                using (reporter.Stage($"{label}: fit {name}"))
                {
                    recommender.Fit(data.Train);
                }

                using var stage = reporter.Stage($"{label}: prequential {name}");
                series.Add(PrequentialEvaluator.Run(name, recommender, data, live, options.Buckets, stage));
            }
            finally
            {
                (recommender as IDisposable)?.Dispose();
            }
        }

        return series;
    }

    private static string Describe(ProtocolStatistics s) =>
        $"{s.Loaded:N0} interactions, {s.Deduplicated:N0} after de-duplication, {s.ItemFiltered:N0} after the item filter, {s.UserFiltered:N0} after the user filter; " +
        $"train {s.TrainRows:N0} rows ({s.TrainUsers:N0} users, {s.TrainItems:N0} items), test {s.TestRows:N0} of {s.TestRowsBeforeFilter:N0} rows, {s.TestUsers:N0} users";
}
