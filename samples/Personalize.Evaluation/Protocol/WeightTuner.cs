using System.Diagnostics;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// <c>--tune</c>: searches for the smallest change to the SDK's defaults that meets the target,
/// on validation windows taken from each data set's training period only (see
/// <see cref="EvaluationProtocol.ValidationSplit"/>). The test period is never read.
/// </summary>
/// <remarks>
/// <para>
/// Defaults are global, so every configuration is scored on every data set and every window at
/// once. Its objective is the smallest, over data sets and windows, of the SDK's nDCG@10 divided
/// by the better of most-popular's and item-kNN's; it is feasible when its coverage@10 beats
/// most-popular's everywhere. It meets the target when it is feasible and its objective is at
/// least 1 + <see cref="TargetMargin"/>: the margin stands for the noise of one window (a standard
/// error of nDCG@10 is 6 to 9% of it here) and for the drift from validation to test.
/// </para>
/// <para>
/// The search is forward selection from the defaults. Each round tries every value of every
/// knob's grid (the personalized weights, the cold-start weights, the confidence gate, the two
/// half-lives), one knob at a time on top of the current point. If some tries meet the target,
/// each knob offers its value nearest its default that does, and the one with the best objective
/// wins: the fewest defaults changed, each moved as little as needed. If none does, the best try is
/// kept (if it gains at least <see cref="MinimumGain"/>) and another round follows. Finally each
/// change is undone in turn if the target is still met without it.
/// </para>
/// </remarks>
internal static class WeightTuner
{
    /// <summary>How far above 1 the objective must be to meet the target.</summary>
    public const double TargetMargin = 0.10;

    /// <summary>The relative gain a round must bring while the target is not met.</summary>
    public const double MinimumGain = 0.01;

    /// <summary>The validation windows per data set (1 is the last 10% of the training period, 2 the 10% before...).</summary>
    public const int Windows = 3;

    /// <summary>The most rounds of forward selection.</summary>
    public const int MaxRounds = 4;

    /// <summary>The weights tried for each signal (its default is always tried too).</summary>
    public static IReadOnlyList<float> WeightGrid { get; } = [0f, 0.1f, 0.3f, 1f, 3f];

    /// <summary>The popularity half-lives tried, in days.</summary>
    public static IReadOnlyList<double> PopularityHalfLifeGrid { get; } = [1, 3, 7, 14, 30];

    /// <summary>The affinity half-lives tried, in days (they also fade profile confidence).</summary>
    public static IReadOnlyList<double> AffinityHalfLifeGrid { get; } = [7, 14, 30, 60];

    /// <summary>The confidence gates tried.</summary>
    public static IReadOnlyList<double> MinConfidenceGrid { get; } = [0, 0.02, 0.05, 0.1, 0.2];

    /// <summary>
    /// The personalized weights searched: the built-in signals that get an input from these logs
    /// (stated preferences and request context get none; see <see cref="SdkSignals.WithoutInput"/>),
    /// except <c>similar-items</c>, which joined after the search: score it with <c>--sdk-weights</c>.
    /// </summary>
    public static IReadOnlyList<string> WeightedSignals { get; } =
        [BuiltInSignals.Popularity, BuiltInSignals.Trending, BuiltInSignals.CoOccurrence, BuiltInSignals.CategoryAffinity, BuiltInSignals.AttributeAffinity, BuiltInSignals.CategoryPopularity, BuiltInSignals.Freshness];

    /// <summary>The cold-start weights searched: the signals that need no profile.</summary>
    public static IReadOnlyList<string> ColdStartSignals { get; } =
        [BuiltInSignals.Popularity, BuiltInSignals.Trending, BuiltInSignals.CategoryPopularity, BuiltInSignals.Freshness];

    /// <summary>The knobs, in search order.</summary>
    public static IReadOnlyList<Knob> Knobs { get; } = BuildKnobs(WeightedSignals);

    /// <summary>The knobs of the best-baseline target: <see cref="Knobs"/> and <c>similar-items</c>' weight.</summary>
    private static IReadOnlyList<Knob> BestBaselineKnobs { get; } = BuildKnobs([.. WeightedSignals, BuiltInSignals.SimilarItems]);

    /// <summary>
    /// Runs the search on the validation windows of <paramref name="datasets"/>. When
    /// <see cref="RunOptions.ExtraSdk"/> is set (the <c>--sdk-*</c> options), there is no search:
    /// the defaults and that configuration are scored on the same windows, and it is reported as chosen.
    /// </summary>
    public static TuningReport Tune(IReadOnlyList<Dataset> datasets, RunOptions options, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reporter);
        var clock = Stopwatch.StartNew();
        var target = options.TuneTarget;
        var margin = MarginFor(target);
        var knobs = KnobsFor(target);
        var splits = new List<TuningSplit>();
        var bestBaselines = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            var full = EvaluationProtocol.Prepare(dataset.Interactions);
            var windows = new List<(PreparedData Data, TuningDataset Report)>();
            for (var window = 1; window <= Windows; window++)
            {
                var validation = EvaluationProtocol.ValidationSplit(options.ValidationRows(full), window);
                EvaluationProtocol.RequireTestUsers(validation, dataset.Name, window);
                var data = new PreparedData(dataset, validation, options.Seed);
                var label = $"{dataset.Name} (validation window {window})";
                var to = validation.Test.Count > 0 ? validation.Test[^1].Timestamp : validation.SplitTime;
                reporter.Note($"{label}: {validation.Statistics.TrainRows:N0} rows fit, {validation.Statistics.TestRows:N0} validation rows, {validation.Statistics.TestUsers:N0} users, from {validation.SplitTime:yyyy-MM-dd HH:mm:ss} to {to:yyyy-MM-dd HH:mm:ss}");
                var references = References(target, options.BaselinesFor(dataset.Name)).Select(make => EvaluationRunner.Evaluate(make(), data, label, reporter)).ToArray();
                windows.Add((data, new TuningDataset(dataset.Name, window, validation.Statistics, validation.SplitTime, to, references)));
            }

            // Most-popular is reference 0, item-kNN reference 1; the best-baseline target measures against the data set's best by mean.
            var bestReference = target == TuningTarget.BestBaseline
                ? TuningObjective.BestReference([.. windows.Select(w => (IReadOnlyList<double>)[.. w.Report.References.Select(r => r.Metrics.NdcgAt10)])])
                : -1;
            if (bestReference >= 0)
            {
                bestBaselines[dataset.Name] = windows[0].Report.References[bestReference].Name;
            }

            foreach (var (data, report) in windows)
            {
                var popular = report.References[0].Metrics;
                var best = bestReference >= 0 ? report.References[bestReference].Metrics.NdcgAt10 : Math.Max(popular.NdcgAt10, report.References[1].Metrics.NdcgAt10);
                splits.Add(new TuningSplit(data, report, best, popular.CoverageAt10));
            }
        }

        var trials = new List<TuningTrial>();
        var cache = new Dictionary<string, TuningTrial>(StringComparer.Ordinal);

        // Evaluates points not tried yet, in parallel (each is its own SDK instance), and returns every point's trial.
        TuningTrial[] Evaluate(string stage, IReadOnlyList<TuningPoint> points)
        {
            var byKey = points.GroupBy(p => p.Describe(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var fresh = byKey.Keys.Where(key => !cache.ContainsKey(key)).ToArray();
            var jobs = fresh.SelectMany(key => splits.Select((_, s) => (Key: key, Split: s))).ToArray();
            var scores = new TuningScore[jobs.Length];
            Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, j =>
            {
                var (key, s) = jobs[j];
                var split = splits[s];
                var result = EvaluationRunner.Evaluate(new SdkRecommender(byKey[key].ToConfiguration()), split.Data, split.Report.Dataset, SilentProgressReporter.Instance);
                scores[j] = new TuningScore(split.Report.Dataset, split.Report.Window, result.Metrics, split.Best > 0 ? result.Metrics.NdcgAt10 / split.Best : 0, result.SdkCounters);
            });
            for (var i = 0; i < fresh.Length; i++)
            {
                var own = scores.AsSpan(i * splits.Count, splits.Count).ToArray();
                var feasible = own.Select((score, s) => Covers(target, score.Metrics.CoverageAt10, splits[s].PopularCoverage)).All(ok => ok);
                var objective = target == TuningTarget.BestBaseline ? BestBaselineObjective(own, splits) : own.Min(score => score.Ratio);
                var trial = new TuningTrial(trials.Count + 1, stage, fresh[i], byKey[fresh[i]], own, objective, feasible);
                trials.Add(trial);
                cache.Add(fresh[i], trial);
                reporter.Note($"tune #{trial.Number} {stage}: {trial.Changes}: objective {trial.Objective:F3}{(feasible ? string.Empty : " [infeasible: coverage]")} ({string.Join(", ", own.Select(o => FormattableString.Invariant($"{o.Dataset} w{o.Window} {o.Ratio:F2}x nDCG {o.Metrics.NdcgAt10:F4} cov {o.Metrics.CoverageAt10:F3}")))})");
            }

            return [.. points.Select(p => cache[p.Describe()])];
        }

        bool Meets(TuningTrial trial) => MeetsTarget(trial, margin);

        TuningReport Report(TuningTrial chosen, bool searched) =>
            new(SdkDefaults.Current.Describe(), margin, [.. splits.Select(s => s.Report)], trials, chosen, Meets(chosen), clock.Elapsed.TotalSeconds, searched)
            {
                Target = target,
                BestBaselines = bestBaselines,
            };

        var current = Evaluate("defaults", [TuningPoint.Defaults])[0];
        if (options.ExtraSdk is { } extra)
        {
            // A check, not a search: score the given configuration on the same windows, beside the defaults.
            var checkedPoint = new TuningPoint(extra.Weights, extra.ColdStartWeights, extra.PopularityHalfLife?.TotalDays, extra.AffinityHalfLife?.TotalDays, extra.MinConfidence);
            var trial = Evaluate("check", [checkedPoint])[0];
            return Report(trial, searched: false);
        }

        for (var round = 1; round <= MaxRounds && !Meets(current); round++)
        {
            var offers = new List<(Knob Knob, TuningTrial Trial)>();
            TuningTrial? best = null;
            foreach (var knob in knobs)
            {
                var here = knob.ValueOf(current.Point);
                var tried = Evaluate($"round {round}: {knob.Name}", [.. knob.Values.Where(v => v != here).Select(v => knob.Set(current.Point, v))]);
                var meeting = tried.Where(Meets).ToArray();
                if (meeting.Length > 0)
                {
                    // This knob's offer: its value nearest the default that meets the target (then the better objective).
                    offers.Add((knob, meeting.OrderBy(t => knob.Distance(t.Point)).ThenByDescending(t => t.Objective).First()));
                }

                foreach (var trial in tried.Where(t => t.Feasible))
                {
                    best = best is null || trial.Objective > best.Objective ? trial : best;
                }
            }

            if (offers.Count > 0)
            {
                var (knob, chosen) = offers.OrderByDescending(o => o.Trial.Objective).ThenBy(o => o.Trial.Number).First();

                // Move it no further than needed: try values between it and its grid neighbour towards the default.
                var value = knob.ValueOf(chosen.Point);
                var between = knob.Between(knob.TowardDefault(value), value);
                var refined = Evaluate($"round {round}: refine {knob.Name}", [.. between.Select(v => knob.Set(current.Point, v))]);
                current = refined.Where(Meets).OrderBy(t => Math.Abs(knob.ValueOf(t.Point) - knob.Default)).FirstOrDefault() ?? chosen;
            }
            else if (best is not null && IsGain(best, current))
            {
                current = best;
            }
            else
            {
                break;
            }
        }

        // Undo each change the result does not need.
        foreach (var knob in knobs)
        {
            if (!knob.IsChanged(current.Point))
            {
                continue;
            }

            var undone = Evaluate($"prune: {knob.Name}", [knob.Reset(current.Point)])[0];
            if (Meets(current) ? Meets(undone) : undone.Feasible && undone.Objective >= current.Objective * (1 - MinimumGain))
            {
                current = undone;
            }
        }

        return Report(current, searched: true);
    }

    /// <summary>Whether a trial meets the original target: feasible, and its objective at least 1 + <see cref="TargetMargin"/>.</summary>
    public static bool MeetsTarget(TuningTrial trial) => MeetsTarget(trial, TargetMargin);

    /// <summary>Whether a trial meets a target: feasible, and its objective at least 1 + <paramref name="margin"/>.</summary>
    public static bool MeetsTarget(TuningTrial trial, double margin)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Feasible && trial.Objective >= 1 + margin;
    }

    /// <summary>How far above 1 a target's objective must be.</summary>
    public static double MarginFor(TuningTarget target) =>
        target == TuningTarget.BestBaseline ? TuningObjective.BestBaselineMargin : TargetMargin;

    /// <summary>
    /// The knobs a target searches: the best-baseline target adds <c>similar-items</c>' weight, which
    /// joined the defaults after the original search.
    /// </summary>
    public static IReadOnlyList<Knob> KnobsFor(TuningTarget target) =>
        target == TuningTarget.BestBaseline ? BestBaselineKnobs : Knobs;

    /// <summary>
    /// The references scored on each window: most-popular and item-kNN first, then, for the
    /// best-baseline target, the other tuned baselines (decayed popularity, EASE, RP3beta).
    /// </summary>
    private static IEnumerable<Func<IRecommender>> References(TuningTarget target, BaselineSettings settings)
    {
        yield return () => new MostPopularRecommender();
        yield return () => new ItemKnnRecommender(settings.Neighbours);
        if (target == TuningTarget.BestBaseline)
        {
            yield return () => new DecayedPopularityRecommender(settings.HalfLifeDays);
            yield return () => new EaseRecommender(settings.EaseLambda);
            yield return () => new Rp3BetaRecommender(settings.Rp3Alpha, settings.Rp3Beta, settings.Rp3Neighbours);
        }
    }

    /// <summary>Whether a window's coverage@10 is feasible: above most-popular's, or for the best-baseline target at least 5 times it.</summary>
    private static bool Covers(TuningTarget target, double coverage, double popularCoverage) =>
        target == TuningTarget.BestBaseline ? coverage >= TuningObjective.CoverageMultiple * popularCoverage : coverage > popularCoverage;

    private static double BestBaselineObjective(IReadOnlyList<TuningScore> scores, IReadOnlyList<TuningSplit> splits)
    {
        var datasets = splits.Select(s => s.Report.Dataset).Distinct(StringComparer.Ordinal).ToArray();
        return TuningObjective.Objective(
            [.. datasets.Select(d => (IReadOnlyList<double>)[.. scores.Where(s => s.Dataset == d).Select(s => s.Metrics.NdcgAt10)])],
            [.. datasets.Select(d => (IReadOnlyList<double>)[.. splits.Where(s => s.Report.Dataset == d).Select(s => s.Best)])]);
    }

    private static bool IsGain(TuningTrial candidate, TuningTrial current) =>
        candidate.Feasible && (!current.Feasible || candidate.Objective >= current.Objective * (1 + MinimumGain));

    private static List<Knob> BuildKnobs(IReadOnlyList<string> weightedSignals)
    {
        var defaults = SdkDefaults.Current;
        var knobs = new List<Knob>();
        foreach (var signal in weightedSignals)
        {
            knobs.Add(new Knob(
                $"weight {signal}",
                Grid(WeightGrid, defaults.Weights[signal]),
                defaults.Weights[signal],
                (point, value) => point.WithWeight(signal, (float)value),
                point => point.WeightOf(signal)));
        }

        foreach (var signal in ColdStartSignals)
        {
            knobs.Add(new Knob(
                $"cold-start weight {signal}",
                Grid(WeightGrid, defaults.ColdStartWeights[signal]),
                defaults.ColdStartWeights[signal],
                (point, value) => point.WithColdStartWeight(signal, (float)value),
                point => point.ColdStartWeightOf(signal)));
        }

        var minConfidence = defaults.MinConfidence;
        knobs.Add(new Knob(
            "min confidence",
            Grid(MinConfidenceGrid, minConfidence),
            minConfidence,
            (point, value) => point with { MinConfidence = value == minConfidence ? null : value },
            point => point.MinConfidence ?? minConfidence));
        var popularity = defaults.PopularityHalfLife.TotalDays;
        knobs.Add(new Knob(
            "popularity half-life (days)",
            Grid(PopularityHalfLifeGrid, popularity),
            popularity,
            (point, value) => point with { PopularityHalfLifeDays = value == popularity ? null : value },
            point => point.PopularityHalfLifeDays ?? popularity));
        var affinity = defaults.AffinityHalfLife.TotalDays;
        knobs.Add(new Knob(
            "affinity half-life (days)",
            Grid(AffinityHalfLifeGrid, affinity),
            affinity,
            (point, value) => point with { AffinityHalfLifeDays = value == affinity ? null : value },
            point => point.AffinityHalfLifeDays ?? affinity));
        return knobs;
    }

    private static double RoundSignificant(double value) =>
        value == 0 ? 0 : Math.Round(value, Math.Max(0, 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));

    /// <summary>The grid with the default added, in ascending order.</summary>
    private static double[] Grid(IEnumerable<float> grid, float defaultValue) => Grid(grid.Select(v => (double)v), defaultValue);

    private static double[] Grid(IEnumerable<double> grid, double defaultValue) => [.. grid.Append(defaultValue).Distinct().Order()];

    /// <summary>One default the search can change.</summary>
    /// <param name="Name">What it is.</param>
    /// <param name="Values">The values tried, ascending; the default is among them.</param>
    /// <param name="Default">The SDK's default value.</param>
    /// <param name="Set">The point with this knob at a value (at its default: unchanged).</param>
    /// <param name="ValueOf">The knob's value at a point.</param>
    internal sealed record Knob(string Name, IReadOnlyList<double> Values, double Default, Func<TuningPoint, double, TuningPoint> Set, Func<TuningPoint, double> ValueOf)
    {
        /// <summary>Whether a point moves this knob off its default.</summary>
        public bool IsChanged(TuningPoint point) => ValueOf(point) != Default;

        /// <summary>The point with this knob back at its default.</summary>
        public TuningPoint Reset(TuningPoint point) => Set(point, Default);

        /// <summary>The grid value one step from <paramref name="value"/> towards the default (the default itself at most).</summary>
        public double TowardDefault(double value)
        {
            var at = Values.ToList();
            var index = at.IndexOf(value);
            var home = at.IndexOf(Default);
            return index < 0 || index == home ? Default : at[index + Math.Sign(home - index)];
        }

        /// <summary>Three values strictly between <paramref name="from"/> and <paramref name="to"/> (at 1/4, 1/2, 3/4), to 2 significant digits.</summary>
        public IReadOnlyList<double> Between(double from, double to) =>
        [
            .. new[] { 0.25, 0.5, 0.75 }
                .Select(f => RoundSignificant(from + ((to - from) * f)))
                .Where(v => v != from && v != to)
                .Distinct(),
        ];

        /// <summary>How many grid steps a point's value is from the default.</summary>
        public int Distance(TuningPoint point)
        {
            var at = Values.ToList();
            return Math.Abs(at.IndexOf(ValueOf(point)) - at.IndexOf(Default));
        }
    }

    /// <summary>One validation window with what a trial is measured against there.</summary>
    /// <param name="Data">The window's data.</param>
    /// <param name="Report">The window and its reference rows.</param>
    /// <param name="Best">The nDCG@10 a trial's ratio divides by on this window.</param>
    /// <param name="PopularCoverage">Most-popular's coverage@10 on this window.</param>
    private sealed record TuningSplit(PreparedData Data, TuningDataset Report, double Best, double PopularCoverage);
}
