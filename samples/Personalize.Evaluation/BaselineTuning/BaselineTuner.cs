using System.Diagnostics;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Metrics;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.BaselineTuning;

/// <summary>
/// <c>--tune-baselines</c>: chooses each baseline's hyperparameters per data set on the same
/// validation windows as <c>--tune</c> (<see cref="EvaluationProtocol.ValidationSplit"/>), so the
/// test period is never read. Every grid point is fitted on each window's fit rows and scored on
/// its validation rows; the point with the best mean nDCG@10 over the windows is chosen (a tie
/// keeps the earlier point). A family with a second stage then tries its refining points around
/// that choice, on the same windows, and the best of all is chosen.
/// </summary>
/// <remarks>
/// Cost: the Gram matrices are computed once per window (XᵀX for EASE, one user-weighted one per
/// α for RP3beta) and shared read-only by the points that need them; those points then run in
/// parallel, one per core. Windows and matrices come one after the other, so at most one shared
/// matrix and one model per core are alive at a time.
/// </remarks>
internal static class BaselineTuner
{
    /// <summary>Validation windows per data set: the same as the SDK's tuning.</summary>
    public const int Windows = WeightTuner.Windows;

    /// <summary>Tunes every baseline on each of <paramref name="datasets"/>.</summary>
    public static BaselineTuningReport Tune(IReadOnlyList<Dataset> datasets, RunOptions options, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reporter);
        var clock = Stopwatch.StartNew();
        BaselineTuningDataset[] results = [.. datasets.Select(dataset => Tune(dataset, options, reporter))];
        return new BaselineTuningReport(results, Windows, [.. options.RandomSeedValues()], clock.Elapsed.TotalSeconds);
    }

    private static BaselineTuningDataset Tune(Dataset dataset, RunOptions options, IProgressReporter reporter)
    {
        var clock = Stopwatch.StartNew();
        var full = EvaluationProtocol.Prepare(dataset.Interactions);
        var windows = new List<ValidationWindow>();
        var prepared = new List<(PreparedData Data, FrequentItems Items, string Label)>();
        var mostPopular = new List<MetricSummary>();
        var random = new List<RandomSpread>();
        for (var window = 1; window <= Windows; window++)
        {
            var split = EvaluationProtocol.ValidationSplit(options.ValidationRows(full), window);
            EvaluationProtocol.RequireTestUsers(split, dataset.Name, window);
            var data = new PreparedData(dataset, split, options.Seed);
            var label = $"{dataset.Name} (validation window {window})";
            var to = split.Test.Count > 0 ? split.Test[^1].Timestamp : split.SplitTime;
            var items = FrequentItems.Top(data.Train, EaseRecommender.DefaultMaxItems);
            windows.Add(new ValidationWindow(window, split.Statistics, split.SplitTime, to, items.Count));
            prepared.Add((data, items, label));
            reporter.Note($"{label}: {split.Statistics.TrainRows:N0} rows fit ({split.Statistics.TrainItems:N0} items, {items.Count:N0} in the dense models), {split.Statistics.TestRows:N0} validation rows, {split.Statistics.TestUsers:N0} users, from {split.SplitTime:yyyy-MM-dd HH:mm:ss} to {to:yyyy-MM-dd HH:mm:ss}");

            var references = Evaluate(data, $"{label}: references", [() => new MostPopularRecommender(), .. options.RandomSeedValues().Select(seed => (Func<IRecommender>)(() => new RandomRecommender(seed)))], reporter);
            mostPopular.Add(references[0].Metrics);
            random.Add(RandomSpread.Compute(references[1..])!);
        }

        var recorded = BaselineDefaults.For(dataset.Name);
        var chosen = recorded;
        var families = new List<BaselineFamilyTuning>();
        foreach (var family in BaselineFamily.All)
        {
            var tried = new List<BaselineGridPoint>();
            Score(family, family.Points, prepared, tried, reporter);
            var best = Best(tried);
            if (family.Refine?.Invoke(best.Values) is { } refine)
            {
                Score(family, [.. refine.Where(values => !tried.Any(t => t.Values.SequenceEqual(values)))], prepared, tried, reporter);
                best = Best(tried);
            }

            var recordedValues = family.ValuesOf(recorded);
            var recordedPoint = tried.FirstOrDefault(t => t.Values.SequenceEqual(recordedValues));
            families.Add(new BaselineFamilyTuning(family.Name, family.Parameters, tried, best, recordedPoint, BaselineFamily.IsAtGridEdge(best.Values, [.. tried.Select(t => t.Values)])));
            chosen = family.With(chosen, best.Values);
            reporter.Note($"{dataset.Name}: {family.Name} chooses {best.Label} (mean validation nDCG@10 {best.MeanNdcgAt10:F4})");
        }

        return new BaselineTuningDataset(dataset.Name, windows, mostPopular, random, families, chosen, recorded, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The point with the best mean nDCG@10; a tie keeps the earlier one.</summary>
    private static BaselineGridPoint Best(IReadOnlyList<BaselineGridPoint> tried)
    {
        var best = tried[0];
        foreach (var point in tried.Skip(1))
        {
            if (point.MeanNdcgAt10 > best.MeanNdcgAt10)
            {
                best = point;
            }
        }

        return best;
    }

    /// <summary>Scores <paramref name="points"/> of <paramref name="family"/> on every window and appends them to <paramref name="tried"/>, in order.</summary>
    private static void Score(
        BaselineFamily family,
        IReadOnlyList<IReadOnlyList<double>> points,
        IReadOnlyList<(PreparedData Data, FrequentItems Items, string Label)> windows,
        List<BaselineGridPoint> tried,
        IProgressReporter reporter)
    {
        var byWindow = points.Select(_ => new MetricSummary[windows.Count]).ToArray();
        for (var w = 0; w < windows.Count; w++)
        {
            var (data, items, label) = windows[w];

            // Points that need the same shared matrix run together, and the matrix is dropped after them.
            foreach (var group in Enumerable.Range(0, points.Count).GroupBy(p => family.SharedMatrix(points[p])))
            {
                ScoreGroup(family, points, [.. group], group.Key, w, windows[w], byWindow, reporter);
            }
        }

        tried.AddRange(points.Select((values, p) => new BaselineGridPoint(family.Describe(values), values, byWindow[p])));
    }

    /// <summary>
    /// Scores the points that share one matrix (or need none) on one window. The matrix and the
    /// models are garbage once the group is done, and they are collected at once: they are hundreds
    /// of MB of dense arrays, and the machine is shared with other work.
    /// </summary>
    private static void ScoreGroup(
        BaselineFamily family,
        IReadOnlyList<IReadOnlyList<double>> points,
        int[] members,
        double? exponent,
        int w,
        (PreparedData Data, FrequentItems Items, string Label) window,
        MetricSummary[][] byWindow,
        IProgressReporter reporter)
    {
        var (data, items, label) = window;
        var clock = Stopwatch.StartNew();
        var matrix = exponent is { } e ? ItemGram.Compute(data.Train, items, e) : null;
        var matrixText = matrix is null ? string.Empty : $" ({clock.Elapsed.TotalSeconds:F1} s for the shared {matrix.Size:N0}² matrix)";
        var results = Evaluate(data, $"{label}: {family.Name}", [.. members.Select(p => (Func<IRecommender>)(() => family.Create(points[p], matrix)))], reporter);
        for (var i = 0; i < members.Length; i++)
        {
            byWindow[members[i]][w] = results[i].Metrics;
        }

        reporter.Note($"{label}: {family.Name}: {members.Length} points from {family.Describe(points[members[0]])} in {clock.Elapsed.TotalSeconds:F1} s{matrixText}");
        if (matrix is not null)
        {
            GC.Collect();
        }
    }

    /// <summary>Fits and scores recommenders on one window, in parallel (at most one per core), silently; results in input order.</summary>
    private static RecommenderResult[] Evaluate(PreparedData data, string label, IReadOnlyList<Func<IRecommender>> creates, IProgressReporter reporter)
    {
        var results = new RecommenderResult[creates.Count];
        var done = 0;
        var gate = new Lock();
        using var stage = reporter.Stage(label);
        Parallel.For(0, creates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = EvaluationRunner.Evaluate(creates[i](), data, label, SilentProgressReporter.Instance);

            // A stage is not thread-safe.
            lock (gate)
            {
                stage.Report((double)++done / creates.Count);
            }
        });
        return results;
    }
}
