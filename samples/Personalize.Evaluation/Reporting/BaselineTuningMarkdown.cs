using System.Globalization;
using System.Text;
using Personalize.Evaluation.BaselineTuning;

namespace Personalize.Evaluation.Reporting;

/// <summary>Writes what <c>--tune-baselines</c> found as markdown: per data set, the windows, the choices and every grid.</summary>
internal static class BaselineTuningMarkdown
{
    /// <summary>Appends <paramref name="report"/> to <paramref name="text"/>.</summary>
    public static void Write(StringBuilder text, BaselineTuningReport report)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(report);
        Line(text, "### Baselines tuned on validation (validation windows of the training periods only)");
        Line(text);
        Line(text, Invariant($"Every grid point is fitted on each window's fit rows and scored on its validation rows; per data set, each baseline takes the point with the best mean nDCG@10 over the {report.Windows} windows (a tie keeps the earlier grid point). The test period is not read. Random: seeds {string.Join(", ", report.RandomSeeds)}. Run time {report.ElapsedSeconds:F1} s (loading excluded)."));
        foreach (var dataset in report.Datasets)
        {
            Line(text);
            WriteDataset(text, dataset);
        }
    }

    private static void WriteDataset(StringBuilder text, BaselineTuningDataset d)
    {
        Line(text, $"#### {d.Dataset}");
        Line(text);
        Line(text, "| window | fit rows | fit items | items in ease / rp3beta | validation rows | users | from | to |");
        Line(text, "|---|---|---|---|---|---|---|---|");
        foreach (var w in d.Windows)
        {
            var s = w.Statistics;
            Line(text, Invariant($"| {w.Window} | {s.TrainRows:N0} | {s.TrainItems:N0} | {w.DenseModelItems:N0} | {s.TestRows:N0} | {s.TestUsers:N0} | {w.From:yyyy-MM-dd HH:mm} | {w.To:yyyy-MM-dd HH:mm} |"));
        }

        Line(text);
        Line(text, "| baseline | chosen | nDCG@10 by window | mean nDCG@10 | mean HR@10 | mean coverage@10 | recorded in code |");
        Line(text, "|---|---|---|---|---|---|---|");
        Line(text, Invariant($"| random ({d.Random[0].Seeds.Count} seeds: mean ± s.d.) | — | {string.Join(" / ", d.Random.Select(r => Invariant($"{r.NdcgAt10.Mean:F4} ± {r.NdcgAt10.StandardDeviation:F4}")))} | {d.Random.Average(r => r.NdcgAt10.Mean):F4} | {d.Random.Average(r => r.HitRateAt10.Mean):F4} | {d.Random.Average(r => r.CoverageAt10.Mean):F4} | — |"));
        Line(text, Invariant($"| most-popular | — | {string.Join(" / ", d.MostPopular.Select(m => Invariant($"{m.NdcgAt10:F4}")))} | {d.MostPopular.Average(m => m.NdcgAt10):F4} | {d.MostPopular.Average(m => m.HitRateAt10):F4} | {d.MostPopular.Average(m => m.CoverageAt10):F4} | — |"));
        foreach (var f in d.Families)
        {
            var c = f.Chosen;
            var recorded = f.Recorded is null ? "not on the grid" : f.Recorded == c ? "the same" : $"**differs: {f.Recorded.Label}**";
            Line(text, Invariant($"| {f.Family} | {c.Label}{(f.ChosenAtGridEdge ? " (grid edge)" : string.Empty)} | {string.Join(" / ", c.ByWindow.Select(m => Invariant($"{m.NdcgAt10:F4}")))} | **{c.MeanNdcgAt10:F4}** | {c.MeanHitRateAt10:F4} | {c.MeanCoverageAt10:F4} | {recorded} |"));
        }

        Line(text);
        Line(text, $"Chosen: {d.Chosen.Describe()}. {(d.ChosenIsRecorded ? "This is what the code records (BaselineDefaults)." : $"**The code records something else** (BaselineDefaults: {d.Recorded.Describe()}).")} Run time {d.ElapsedSeconds:F1} s.");
        foreach (var f in d.Families)
        {
            Line(text);
            if (f.Parameters.Count >= 2)
            {
                WritePivot(text, f);
            }
            else
            {
                WriteGrid(text, f, f.Grid, $"{f.Family}: nDCG@10 on each validation window (bold: chosen)");
            }
        }
    }

    private static void WriteGrid(StringBuilder text, BaselineFamilyTuning f, IReadOnlyList<BaselineGridPoint> points, string title)
    {
        var windows = points[0].ByWindow.Count;
        Line(text, title);
        Line(text);
        Line(text, $"| {string.Join(", ", f.Parameters)} | {string.Join(" | ", Enumerable.Range(1, windows).Select(w => $"window {w}"))} | mean nDCG@10 | mean HR@10 | mean coverage@10 |");
        Line(text, $"|---|{string.Concat(Enumerable.Repeat("---|", windows))}---|---|---|");
        foreach (var p in points)
        {
            var bold = p == f.Chosen ? "**" : string.Empty;
            Line(text, Invariant($"| {bold}{string.Join(", ", p.Values.Select(BaselineFamily.Format))}{bold} | {string.Join(" | ", p.ByWindow.Select(m => Invariant($"{m.NdcgAt10:F4}")))} | {bold}{p.MeanNdcgAt10:F4}{bold} | {p.MeanHitRateAt10:F4} | {p.MeanCoverageAt10:F4} |"));
        }
    }

    /// <summary>
    /// A two-stage grid as tables of mean nDCG@10: the first stage (the points whose other
    /// parameters are those of the first point) by its first two parameters, then the second stage
    /// by the two parameters it varies.
    /// </summary>
    private static void WritePivot(StringBuilder text, BaselineFamilyTuning f)
    {
        var rest = f.Grid[0].Values.Skip(2).ToArray();
        BaselineGridPoint[] first = [.. f.Grid.Where(p => p.Values.Skip(2).SequenceEqual(rest))];
        var fixedText = rest.Length == 0 ? string.Empty : $", at {string.Join(", ", f.Parameters.Skip(2).Select((name, i) => $"{name} {BaselineFamily.Format(rest[i])}"))}";
        WriteTable(text, f, first, 0, 1, $"{f.Family}: mean nDCG@10 over the windows, {f.Parameters[0]} by row and {f.Parameters[1]} by column{fixedText} (bold: chosen)");

        BaselineGridPoint[] second = [.. f.Grid.Except(first)];
        if (second.Length == 0)
        {
            return;
        }

        Line(text);
        int[] varying = [.. Enumerable.Range(0, f.Parameters.Count).Where(i => second.Select(p => p.Values[i]).Distinct().Count() > 1)];
        if (varying.Length == 2)
        {
            var held = Enumerable.Range(0, f.Parameters.Count).Except(varying).Select(i => $"{f.Parameters[i]} {BaselineFamily.Format(second[0].Values[i])}");
            WriteTable(text, f, second, varying[1], varying[0], $"{f.Family}, second stage at {string.Join(", ", held)}: mean nDCG@10 over the windows, {f.Parameters[varying[1]]} by row and {f.Parameters[varying[0]]} by column (bold: chosen)");
            if (second.Contains(f.Chosen))
            {
                Line(text);
                Line(text, Invariant($"Chosen, by window: {string.Join(" / ", f.Chosen.ByWindow.Select(m => Invariant($"{m.NdcgAt10:F4}")))}; mean HR@10 {f.Chosen.MeanHitRateAt10:F4}, mean coverage@10 {f.Chosen.MeanCoverageAt10:F4}."));
            }
        }
        else
        {
            WriteGrid(text, f, second, $"{f.Family}, second stage: nDCG@10 on each validation window (bold: chosen)");
        }
    }

    /// <summary>Mean nDCG@10 of <paramref name="points"/>, parameter <paramref name="row"/> by row and <paramref name="column"/> by column.</summary>
    private static void WriteTable(StringBuilder text, BaselineFamilyTuning f, IReadOnlyList<BaselineGridPoint> points, int row, int column, string title)
    {
        double[] rows = [.. points.Select(p => p.Values[row]).Distinct()];
        double[] columns = [.. points.Select(p => p.Values[column]).Distinct()];
        Line(text, title);
        Line(text);
        Line(text, $"| {f.Parameters[row]} \\ {f.Parameters[column]} | {string.Join(" | ", columns.Select(BaselineFamily.Format))} |");
        Line(text, $"|---|{string.Concat(Enumerable.Repeat("---|", columns.Length))}");
        foreach (var r in rows)
        {
            var cells = columns.Select(c =>
            {
                var p = points.Single(g => g.Values[row] == r && g.Values[column] == c);
                return p == f.Chosen ? Invariant($"**{p.MeanNdcgAt10:F4}**") : Invariant($"{p.MeanNdcgAt10:F4}");
            });
            Line(text, $"| {BaselineFamily.Format(r)} | {string.Join(" | ", cells)} |");
        }
    }

    private static void Line(StringBuilder text) => text.Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
