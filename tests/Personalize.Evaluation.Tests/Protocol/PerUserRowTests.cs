using System.Text.Json;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Reporting;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class PerUserRowTests
{
    private static readonly Lazy<DatasetReport> Report = new(() =>
        EvaluationRunner.Run(BusyShop(), new RunOptions(Ablation: false, Prequential: false, RandomSeeds: 2), SilentProgressReporter.Instance));

    [Fact]
    public void The_json_output_has_one_row_per_test_user_with_every_recommenders_metrics()
    {
        var report = Report.Value;
        using var json = JsonDocument.Parse(JsonReport.Write(new EvaluationReport("per-user", [report], null)));

        var rows = json.RootElement.GetProperty("datasets")[0].GetProperty("perUser");

        Assert.True(report.Statistics.TestUsers > 0);
        Assert.Equal(report.Statistics.TestUsers, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            Assert.StartsWith("u", row.GetProperty("user").GetString(), StringComparison.Ordinal);
            Assert.True(row.GetProperty("heldOut").GetInt32() > 0);
            Assert.True(row.GetProperty("trainingItems").GetInt32() >= 1);
            var results = row.GetProperty("results");
            Assert.Equal(report.Results.Select(r => r.Name).Order(), results.EnumerateObject().Select(p => p.Name).Order());
            Assert.All(results.EnumerateObject(), p =>
            {
                Assert.InRange(p.Value.GetProperty("ndcgAt10").GetDouble(), 0, 1);
                Assert.InRange(p.Value.GetProperty("hitRateAt10").GetDouble(), 0, 1);
                Assert.InRange(p.Value.GetProperty("recallAt10").GetDouble(), 0, 1);
                Assert.True(p.Value.GetProperty("recallAt20").GetDouble() >= p.Value.GetProperty("recallAt10").GetDouble());
            });
        }
    }

    [Fact]
    public void Per_user_rows_average_to_each_rows_summary_and_count_the_held_out_items()
    {
        var report = Report.Value;
        var rows = report.PerUser!;

        Assert.All(report.Results, r =>
        {
            Assert.Equal(r.Metrics.NdcgAt10, rows.Average(u => u.Results[r.Name].NdcgAt10), 12);
            Assert.Equal(r.Metrics.HitRateAt10, rows.Average(u => u.Results[r.Name].HitRateAt10), 12);
            Assert.Equal(r.Metrics.RecallAt10, rows.Average(u => u.Results[r.Name].RecallAt10), 12);
        });
        Assert.Equal(report.Statistics.TestRows, rows.Sum(u => u.HeldOut));
        Assert.Equal(rows.Count, rows.Select(u => u.User).Distinct().Count());
    }

    [Fact]
    public void The_run_has_every_baseline_several_random_seeds_and_paired_comparisons_with_each_baseline()
    {
        var report = Report.Value;

        Assert.Equal(
            ["random (seed 42)", "random (seed 43)", "most-popular", "decayed-popularity", "item-knn", "ease", "rp3beta", "sdk"],
            report.Results.Select(r => r.Name));
        Assert.Equal([42, 43], report.Random!.Seeds);
        Assert.Equal(report.Results.Take(2).Average(r => r.Metrics.NdcgAt10), report.Random.NdcgAt10.Mean, 12);
        Assert.Equal(PairedComparison.Baselines, report.Comparisons!.Select(c => c.Baseline));
        Assert.Contains("Random over 2 seeds (42, 43)", MarkdownReport.Write(new EvaluationReport("per-user", [report], null)), StringComparison.Ordinal);
    }
}
