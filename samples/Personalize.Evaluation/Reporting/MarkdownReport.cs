using System.Globalization;
using System.Text;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Reporting;

/// <summary>Writes a report as markdown: per data set, the protocol counts, the result table, the prequential series and diagnostics.</summary>
internal static class MarkdownReport
{
    /// <summary>The report as markdown text.</summary>
    public static string Write(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, $"Command: `{report.Command}`");
        foreach (var dataset in report.Datasets)
        {
            Line(text);
            WriteDataset(text, dataset);
        }

        if (report.Tuning is { } tuning)
        {
            Line(text);
            WriteTuning(text, tuning);
        }

        if (report.BaselineTuning is { } baselines)
        {
            Line(text);
            BaselineTuningMarkdown.Write(text, baselines);
        }

        return text.ToString();
    }

    private static void WriteDataset(StringBuilder text, DatasetReport report)
    {
        var s = report.Statistics;
        Line(text, $"### {report.Dataset}{(report.Validation > 0 ? $" (validation window {report.Validation} of the training period, not the test period)" : string.Empty)}");
        Line(text);
        RawLine(text, Invariant($"Protocol: {s.Loaded:N0} positive interactions; {s.Deduplicated:N0} after de-duplication; {s.ItemFiltered:N0} after items with < 5 were dropped; {s.UserFiltered:N0} after users with < 5 were dropped. ") +
            Invariant($"Split at {report.SplitTime:yyyy-MM-dd HH:mm:ss} (0.9 quantile): train {s.TrainRows:N0} rows, {s.TrainUsers:N0} users, {s.TrainItems:N0} items (the ranked catalogue); ") +
            Invariant($"test {s.TestRows:N0} of {s.TestRowsBeforeFilter:N0} rows after the split (user and item seen in training), {s.TestUsers:N0} test users. Run time {report.ElapsedSeconds:F1} s."));
        if (report.StrictValidation)
        {
            Line(text);
            RawLine(text, Invariant($"Strict validation: this window is cut from the training period filtered alone, without the {s.TrainRowsKeptThroughTestPeriod:N0} training rows that the protocol's 5-interaction filters keep only through interactions after the test split."));
        }
        else if (s.TrainRowsKeptThroughTestPeriod > 0)
        {
            Line(text);
            RawLine(text, Invariant($"The 5-interaction filters count the whole log, as the protocol prescribes: {s.TrainRowsKeptThroughTestPeriod:N0} training rows of the full split are kept only because their user or item has interactions after the test split, and {(report.Validation > 0 ? "this validation window is" : "validation windows are")} cut from them too (`--strict-validation` leaves them out). No test-period row is fitted on or scored."));
        }

        if (report.Baselines is { } baselines)
        {
            Line(text);
            RawLine(text, $"Baselines (hyperparameters chosen on validation windows of the training period{(baselines.NeighboursGiven ? ", but item-knn's k given on the command line" : null)}): {baselines.Describe()}.");
        }

        Line(text);
        Line(text, $"| recommender | nDCG@10 (± s.e.) | HR@10 | Recall@10 | Recall@20 | Coverage@10 | ILD@10 | fit s | rank s |");
        Line(text, $"|---|---|---|---|---|---|---|---|---|");
        foreach (var r in report.Results)
        {
            var m = r.Metrics;
            Line(text, $"| {r.Name} | {m.NdcgAt10:F4} ± {m.NdcgAt10StandardError:F4} | {m.HitRateAt10:F4} | {m.RecallAt10:F4} | {m.RecallAt20:F4} | {m.CoverageAt10:F4} | {m.DiversityAt10:F4} | {r.FitSeconds:F1} | {r.EvaluateSeconds:F1} |");
        }

        if (report.Random is { } random)
        {
            Line(text);
            RawLine(text, Invariant($"Random over {random.Seeds.Count} seeds ({string.Join(", ", random.Seeds)}): nDCG@10 {random.NdcgAt10.Mean:F4} mean, {random.NdcgAt10.StandardDeviation:F4} s.d. ({random.NdcgAt10.Min:F4} to {random.NdcgAt10.Max:F4}); ") +
                Invariant($"HR@10 {random.HitRateAt10.Mean:F4} ± {random.HitRateAt10.StandardDeviation:F4}; Recall@10 {random.RecallAt10.Mean:F4} ± {random.RecallAt10.StandardDeviation:F4}; coverage@10 {random.CoverageAt10.Mean:F4} ± {random.CoverageAt10.StandardDeviation:F4} (mean ± s.d.)."));
        }

        if (report.PerUser is { Count: > 0 } perUser)
        {
            Line(text);
            RawLine(text, Invariant($"Per-user results ({perUser.Count:N0} test users: user id, held-out items, and every row's nDCG@10, HR@10, Recall@10 and Recall@20) are in the `--json` output, under `perUser`."));
        }

        Line(text);
        // Rows whose SDK counted exactly the same (the single-signal rows, typically) share one line.
        foreach (var group in report.Results.Where(r => r.SdkCounters is not null).GroupBy(r => DescribeCounters(r.SdkCounters!), StringComparer.Ordinal))
        {
            Line(text, $"- {string.Join(", ", group.Select(r => r.Name))}: {group.Key}");
        }

        if (report.Comparisons is { Count: > 0 } comparisons)
        {
            Line(text);
            RawLine(text, "Paired differences in nDCG@10 (same test users; ± the standard error of the difference): " +
                string.Join("; ", comparisons.Select(c => Invariant($"{c.Row} − {c.Baseline} {c.Difference:+0.0000;-0.0000} ± {c.StandardError:F4} ({c.Difference / c.StandardError:+0.0;-0.0} s.e.)"))) + ".");
        }

        if (report.Segments is { Count: > 0 } segments)
        {
            Line(text);
            Line(text, $"nDCG@10 by the default SDK row's decision path (the same test users in every column):");
            Line(text);
            var header = new StringBuilder("| decision path of \"sdk\" | test users |");
            var rule = new StringBuilder("|---|---|");
            foreach (var (name, _) in segments[0].Ndcg)
            {
                header.Append(CultureInfo.InvariantCulture, $" {name} |");
                rule.Append("---|");
            }

            RawLine(text, header.ToString());
            RawLine(text, rule.ToString());
            foreach (var segment in segments)
            {
                var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"| {segment.Segment} | {segment.Users:N0} |"));
                foreach (var (_, ndcg) in segment.Ndcg)
                {
                    row.Append(CultureInfo.InvariantCulture, $" {ndcg:F4} |");
                }

                RawLine(text, row.ToString());
            }
        }

        if (report.Prequential.Count > 0)
        {
            Line(text);
            Line(text, $"Prequential HR@10 over the test period ({report.Prequential[0].Events:N0} test events in {report.Prequential[0].Buckets.Count} equal-count time buckets). Before each event its user gets a top 10; live models then learn the event (the SDK through Track), frozen ones stay as fitted at the split:");
            Line(text);
            var header = new StringBuilder("| bucket | from | to | events |");
            var rule = new StringBuilder("|---|---|---|---|");
            foreach (var series in report.Prequential)
            {
                header.Append(CultureInfo.InvariantCulture, $" {series.Name} |");
                rule.Append("---|");
            }

            RawLine(text, header.ToString());
            RawLine(text, rule.ToString());
            var first = report.Prequential[0];
            for (var b = 0; b < first.Buckets.Count; b++)
            {
                var bucket = first.Buckets[b];
                var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"| {b + 1} | {bucket.From:yyyy-MM-dd HH:mm} | {bucket.To:yyyy-MM-dd HH:mm} | {bucket.Events:N0} |"));
                foreach (var series in report.Prequential)
                {
                    row.Append(CultureInfo.InvariantCulture, $" {series.Buckets[b].HitRate:F4} |");
                }

                RawLine(text, row.ToString());
            }

            var total = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"| all | {first.Buckets[0].From:yyyy-MM-dd HH:mm} | {first.Buckets[^1].To:yyyy-MM-dd HH:mm} | {first.Events:N0} |"));
            foreach (var series in report.Prequential)
            {
                total.Append(CultureInfo.InvariantCulture, $" **{series.HitRate:F4}** |");
            }

            RawLine(text, total.ToString());
        }

        var d = report.Diagnostics;
        Line(text);
        RawLine(text, Invariant($"Diagnostics: {d.Categories:N0} categories over the catalogue ({d.CategorisedItemShare:P1} of items categorised, {d.MeanItemsPerCategory:F1} items per category); ") +
            Invariant($"{d.TestRowsInUserCategoryShare:P1} of test rows are in a category the user had in training, {d.TestRowsInUserTopCategoryShare:P1} in the user's most frequent one, ") +
            Invariant($"which holds {d.MeanTopCategoryCandidates:F1} candidates on average; the median test user has {d.MedianTrainItemsPerTestUser:F0} training items; ") +
            Invariant($"{d.TestUsersIdleOver30DaysShare:P1} of test users were idle for more than 30 days before the split."));
    }

    private static void WriteTuning(StringBuilder text, TuningReport report)
    {
        Line(text, $"### Tuning the SDK's defaults (validation windows of the training periods only)");
        Line(text);
        RawLine(text, Invariant($"{(report.Searched ? "Search from" : "No search: one configuration checked against")} the SDK's defaults: {report.Defaults}. Run time {report.ElapsedSeconds:F1} s, {report.Trials.Count} configurations."));
        Line(text);
        Line(text, $"| data set | window | fit rows | validation rows | users | from | to | most-popular nDCG@10 | item-kNN nDCG@10 | most-popular coverage@10 |");
        Line(text, $"|---|---|---|---|---|---|---|---|---|---|");
        foreach (var w in report.Windows)
        {
            var s = w.Statistics;
            Line(text, $"| {w.Dataset} | {w.Window} | {s.TrainRows:N0} | {s.TestRows:N0} | {s.TestUsers:N0} | {w.From:yyyy-MM-dd HH:mm} | {w.To:yyyy-MM-dd HH:mm} | {w.References[0].Metrics.NdcgAt10:F4} | {w.References[1].Metrics.NdcgAt10:F4} | {w.References[0].Metrics.CoverageAt10:F4} |");
        }

        Line(text);
        if (report.Target == TuningTarget.BestBaseline)
        {
            var best = string.Join(", ", report.BestBaselines.Select(b => $"{b.Key}: {b.Value}"));
            Line(text, $"Target: issue 17's. Each cell is the SDK's nDCG@10 divided by the data set's best tuned baseline's on that window (x); the best baseline is the one with the highest mean nDCG@10 over the windows ({best}). The objective is, for each data set, the SDK's mean nDCG@10 over its windows divided by that baseline's mean; the smaller of the data sets' ratios. A configuration meets the target when its objective is at least {1 + report.TargetMargin:F2} and it is feasible (its coverage@10 is at least {TuningObjective.CoverageMultiple:0} times most-popular's on every window). Bold: the SDK's defaults and the chosen configuration.");
        }
        else
        {
            Line(text, $"Each cell is the SDK's nDCG@10 divided by the better baseline's on that window (x); the objective is the smallest cell. A configuration meets the target when its objective is at least {1 + report.TargetMargin:F2} and it is feasible (its coverage@10 beats most-popular's on every window). Bold: the SDK's defaults and the chosen configuration.");
        }

        Line(text);
        var datasets = report.Windows.Select(w => w.Dataset).Distinct(StringComparer.Ordinal).ToArray();
        var header = new StringBuilder("| # | step | changes from the defaults |");
        var rule = new StringBuilder("|---|---|---|");
        foreach (var dataset in datasets)
        {
            header.Append(CultureInfo.InvariantCulture, $" {dataset}: x by window | coverage@10 (window 1) |");
            rule.Append("---|---|");
        }

        RawLine(text, header.Append(" objective | feasible |").ToString());
        RawLine(text, rule.Append("---|---|").ToString());
        foreach (var t in report.Trials)
        {
            var bold = t.Number == report.Chosen.Number || t.Number == 1 ? "**" : string.Empty;
            var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"| {t.Number} | {t.Stage} | {bold}{t.Changes}{bold} |"));
            foreach (var dataset in datasets)
            {
                var scores = t.Scores.Where(score => score.Dataset == dataset).ToArray();
                row.Append(CultureInfo.InvariantCulture, $" {string.Join(" / ", scores.Select(score => score.Ratio.ToString("F2", CultureInfo.InvariantCulture)))} | {scores[0].Metrics.CoverageAt10:F4} |");
            }

            row.Append(CultureInfo.InvariantCulture, $" {t.Objective:F3} | {(t.Feasible ? "yes" : "no")} |");
            RawLine(text, row.ToString());
        }

        var chosen = report.Chosen;
        Line(text);
        RawLine(text, Invariant($"**{(report.Searched ? "Validation-chosen defaults" : "Checked configuration")}:** {chosen.Changes} (trial #{chosen.Number}; objective {chosen.Objective:F3} against {report.Trials[0].Objective:F3} for the SDK's defaults; ") +
            (report.ChosenMeetsTarget ? "meets the target on validation)." : "does NOT meet the target on validation: it is the best the search found)."));
        Line(text);
        Line(text, $"| data set | window | nDCG@10 | x the {(report.Target == TuningTarget.BestBaseline ? "best" : "better")} baseline | coverage@10 | decisions |");
        Line(text, $"|---|---|---|---|---|---|");
        foreach (var score in chosen.Scores)
        {
            Line(text, $"| {score.Dataset} | {score.Window} | {score.Metrics.NdcgAt10:F4} | {score.Ratio:F2} | {score.Metrics.CoverageAt10:F4} | {(score.Counters is null ? string.Empty : DescribeDecisions(score.Counters))} |");
        }

        if (!chosen.Point.IsDefault)
        {
            Line(text);
            RawLine(text, $"To check it once on the test split: `dotnet run -c Release --project samples/Personalize.Evaluation -- --dataset all {chosen.Point.ToCommandLine()} --sdk-label \"proposed defaults\"`");
        }
    }

    private static string DescribeDecisions(IReadOnlyDictionary<string, long> counters)
    {
        // By variant and reason; other tags (a placement, say) are summed over.
        var decisions = counters
            .Select(c => (Key: SdkCounters.Parse(c.Key), c.Value))
            .Where(c => c.Key.Instrument == "personalize.decisions")
            .GroupBy(c => (Variant: c.Key.Tags.GetValueOrDefault("variant", "?"), Reason: c.Key.Tags.GetValueOrDefault("reason", "?")))
            .OrderBy(g => g.Key.Variant, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Sum(c => c.Value):N0} {g.Key.Variant.Replace('_', ' ')} ({g.Key.Reason.Replace('_', ' ')})"))
            .ToArray();
        return decisions.Length == 0 ? "none" : string.Join(", ", decisions);
    }

    private static string DescribeCounters(IReadOnlyDictionary<string, long> counters)
    {
        long Count(string prefix) => counters.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);
        var rejected = counters.Where(c => c.Key.StartsWith("personalize.events.rejected", StringComparison.Ordinal)).Select(c => $"{c.Key} {c.Value:N0}").ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Count("personalize.events.applied"):N0} events applied, {Count("personalize.events.rejected"):N0} rejected{(rejected.Length > 0 ? " (" + string.Join(", ", rejected) + ")" : string.Empty)}; " +
            $"decisions: {DescribeDecisions(counters)}; " +
            $"{Count("personalize.guardrail.removals"):N0} candidates removed by guardrails; " +
            $"{Count("personalize.profiles.evicted"):N0} profile evictions reported so far (the SDK's cache reports them asynchronously).");
    }

    private static void Line(StringBuilder text) => text.Append('\n');

    private static void RawLine(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
