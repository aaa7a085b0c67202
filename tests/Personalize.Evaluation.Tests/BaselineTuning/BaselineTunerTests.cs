using System.Text.Json;
using Personalize.Evaluation.BaselineTuning;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using static Personalize.Evaluation.Tests.SyntheticLog;

namespace Personalize.Evaluation.Tests.BaselineTuning;

public sealed class BaselineTunerTests
{
    private static readonly Lazy<BaselineTuningReport> Report = new(() =>
        BaselineTuner.Tune([SmallShop()], new RunOptions(RandomSeeds: 3), SilentProgressReporter.Instance));

    [Fact]
    public void Tuning_reads_only_the_training_period()
    {
        var dataset = Assert.Single(Report.Value.Datasets);

        Assert.Equal(BaselineTuner.Windows, dataset.Windows.Count);
        Assert.All(dataset.Windows, w => Assert.True(w.To < SmallShopTestPeriod));
        Assert.All(dataset.Windows, w => Assert.Equal(w.Statistics.TrainItems, w.DenseModelItems));
    }

    [Fact]
    public void Every_grid_point_of_every_baseline_is_scored_on_every_window_and_the_best_mean_is_chosen()
    {
        var dataset = Report.Value.Datasets[0];

        Assert.Equal(BaselineFamily.All.Select(f => f.Name), dataset.Families.Select(f => f.Family));
        foreach (var (family, tuning) in BaselineFamily.All.Zip(dataset.Families))
        {
            Assert.All(family.Points, values => Assert.Contains(tuning.Grid, p => p.Values.SequenceEqual(values)));
            Assert.All(tuning.Grid, p => Assert.Equal(BaselineTuner.Windows, p.ByWindow.Count(m => m is not null)));
            Assert.Equal(tuning.Grid.Max(p => p.MeanNdcgAt10), tuning.Chosen.MeanNdcgAt10);

            // A tie keeps the earlier point.
            Assert.Same(tuning.Grid.First(p => p.MeanNdcgAt10 == tuning.Chosen.MeanNdcgAt10), tuning.Chosen);
            Assert.Equal(tuning.Chosen.Values, family.ValuesOf(dataset.Chosen));
        }
    }

    [Fact]
    public void Rp3beta_tries_every_top_k_with_every_beta_at_the_best_alpha_of_its_dense_grid()
    {
        var rp3 = Report.Value.Datasets[0].Families.Single(f => f.Family == BaselineFamily.Rp3Beta.Name);
        var dense = rp3.Grid.Where(p => double.IsPositiveInfinity(p.Values[2])).ToArray();
        var bestDense = dense.First(p => p.MeanNdcgAt10 == dense.Max(d => d.MeanNdcgAt10));

        var sparse = rp3.Grid.Except(dense).ToArray();

        Assert.Equal(BaselineFamily.Rp3Beta.Points.Count, dense.Length);
        Assert.Equal(BaselineFamily.Rp3NeighboursGrid.Count * BaselineFamily.Rp3BetaGrid.Count, sparse.Length);
        Assert.All(sparse, p => Assert.Equal(bestDense.Values[0], p.Values[0]));
    }

    [Fact]
    public void Random_and_most_popular_are_reported_per_window_without_tuning()
    {
        var dataset = Report.Value.Datasets[0];

        Assert.Equal(BaselineTuner.Windows, dataset.MostPopular.Count);
        Assert.All(dataset.Random, r => Assert.Equal([42, 43, 44], r.Seeds));
        Assert.Equal([42, 43, 44], Report.Value.RandomSeeds);
    }

    [Fact]
    public void An_untuned_data_set_is_compared_with_the_untuned_defaults()
    {
        var dataset = Report.Value.Datasets[0];

        Assert.Equal(BaselineDefaults.Untuned, dataset.Recorded);
        Assert.Equal(dataset.Chosen == BaselineDefaults.Untuned, dataset.ChosenIsRecorded);
    }

    [Fact]
    public void The_report_prints_the_choices_and_every_grid_and_writes_them_to_json()
    {
        var report = new EvaluationReport("tune-baselines", [], null, Report.Value);

        var markdown = MarkdownReport.Write(report);
        using var json = JsonDocument.Parse(JsonReport.Write(report));

        Assert.Contains("### Baselines tuned on validation", markdown, StringComparison.Ordinal);
        Assert.Contains("| α \\ β |", markdown, StringComparison.Ordinal);
        Assert.Contains("rp3beta, second stage at α ", markdown, StringComparison.Ordinal);
        Assert.Contains("| k \\ β |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ease | λ ", markdown, StringComparison.Ordinal);
        var families = json.RootElement.GetProperty("baselineTuning").GetProperty("datasets")[0].GetProperty("families");
        Assert.Equal(BaselineFamily.All.Count, families.GetArrayLength());
        Assert.Equal(BaselineFamily.DecayedPopularity.Points.Count, families[0].GetProperty("grid").GetArrayLength());
    }
}
