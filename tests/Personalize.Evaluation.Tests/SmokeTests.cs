using System.Text.Json;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Tests;

public sealed class SmokeTests
{
    private const int Lines = 8_000;

    // On validation window 1 of the training period: the file is sorted by user, not by time, so its
    // first lines span the whole log, and a test run would read the held-out test period.
    [RequiresSharedDataFact]
    public void The_whole_harness_runs_on_the_first_lines_of_real_movietweetings_ratings()
    {
        var dataset = DatasetLoader.Load(MovieTweetingsLoader.Name, RequiresSharedDataFactAttribute.DataDirectory!, Lines);

        var report = EvaluationRunner.Run(dataset, new RunOptions(Validation: 1), SilentProgressReporter.Instance);

        Assert.True(report.Statistics.TestUsers > 0);
        Assert.Equal(
            [
                .. Enumerable.Range(42, RunOptions.DefaultRandomSeeds).Select(seed => $"random (seed {seed})"),
                "most-popular", "decayed-popularity", "item-knn", "ease", "rp3beta", "sdk",
                .. BuiltInSignals.All.Select(signal => $"sdk: {signal} only"),
                "sdk (every option at its default)",
            ],
            report.Results.Select(r => r.Name));
        Assert.All(report.Results, r =>
        {
            Assert.Equal(report.Statistics.TestUsers, r.Metrics.Users);
            Assert.InRange(r.Metrics.NdcgAt10, 0, 1);
            Assert.InRange(r.Metrics.CoverageAt10, 0, 1);
            Assert.True(r.Metrics.RecallAt20 >= r.Metrics.RecallAt10);
        });
        Assert.All(report.Results.Where(r => r.SdkCounters is not null), r =>
        {
            // Every positive rating is replayed as a Rating event, and the protocol already removes
            // every item the user rated, so no guardrail has anything left to remove.
            var counters = r.SdkCounters!;
            Assert.Equal(report.Statistics.TrainRows, SdkCounters.Sum(counters, "personalize.events.applied", ("kind", "rating")));
            Assert.Equal(0, SdkCounters.Sum(counters, "personalize.guardrail.removals"));
            Assert.Equal(report.Statistics.TestUsers, SdkCounters.Sum(counters, "personalize.decisions"));
        });
        Assert.Equal(report.Statistics.TestUsers, report.Segments!.Sum(s => s.Users));
        Assert.Equal(6, report.Prequential.Count);
        Assert.All(report.Prequential, s => Assert.Equal(report.Statistics.TestRows, s.Events));

        var evaluation = new EvaluationReport("smoke", [report], null);
        var markdown = MarkdownReport.Write(evaluation);
        Assert.Contains("| most-popular |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', markdown);
        using var json = JsonDocument.Parse(JsonReport.Write(evaluation));
        Assert.Equal(report.Results.Count, json.RootElement.GetProperty("datasets")[0].GetProperty("results").GetArrayLength());
        Assert.Equal(report.Statistics.TestUsers, json.RootElement.GetProperty("datasets")[0].GetProperty("perUser").GetArrayLength());
    }
}
