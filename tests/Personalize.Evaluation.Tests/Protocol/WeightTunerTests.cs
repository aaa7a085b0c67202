using Personalize.Evaluation.Cli;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using static Personalize.Evaluation.Tests.SyntheticLog;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class WeightTunerTests
{
    private static WeightTuner.Knob Knob(string name) => WeightTuner.Knobs.Single(k => k.Name == name);

    [Fact]
    public void A_point_records_only_what_differs_from_the_sdks_defaults()
    {
        var popularity = SdkDefaults.Current.Weights[BuiltInSignals.Popularity];

        var changed = TuningPoint.Defaults.WithWeight(BuiltInSignals.Popularity, popularity + 1);
        var back = changed.WithWeight(BuiltInSignals.Popularity, popularity);

        Assert.Equal(1, changed.ChangeCount);
        Assert.True(back.IsDefault);
        Assert.Equal("SDK defaults", back.Describe());
        Assert.Equal(popularity + 1, changed.WeightOf(BuiltInSignals.Popularity));
    }

    [Fact]
    public void A_points_command_line_adds_the_same_configuration_as_a_test_row()
    {
        var point = TuningPoint.Defaults.WithWeight(BuiltInSignals.Popularity, 1.5f).WithColdStartWeight(BuiltInSignals.Freshness, 0f) with { MinConfidence = 0.2, PopularityHalfLifeDays = 3 };

        var parsed = CommandLine.Parse(point.ToCommandLine().Split(' ')).Run.ExtraSdk!;

        var expected = point.ToConfiguration();
        Assert.Equal(expected.Name, parsed.Name);
        Assert.Equal(expected.Weights, parsed.Weights);
        Assert.Equal(expected.ColdStartWeights, parsed.ColdStartWeights);
        Assert.Equal((expected.PopularityHalfLife, expected.AffinityHalfLife, expected.MinConfidence), (parsed.PopularityHalfLife, parsed.AffinityHalfLife, parsed.MinConfidence));
    }

    [Fact]
    public void Every_knob_tries_its_default_and_moves_a_point_off_it_and_back()
    {
        Assert.All(WeightTuner.Knobs, knob =>
        {
            Assert.Contains(knob.Default, knob.Values);
            Assert.Equal(knob.Values.Order(), knob.Values);
            Assert.All(knob.Values.Where(v => v != knob.Default), v =>
            {
                var moved = knob.Set(TuningPoint.Defaults, v);
                Assert.True(knob.IsChanged(moved));
                Assert.Equal(v, knob.ValueOf(moved), 6);
                Assert.True(knob.Reset(moved).IsDefault);
            });
        });
        Assert.DoesNotContain(WeightTuner.Knobs, k => k.Name.Contains(BuiltInSignals.StatedPreference, StringComparison.Ordinal) || k.Name.Contains(BuiltInSignals.Context, StringComparison.Ordinal));
    }

    [Fact]
    public void Refining_a_chosen_value_tries_values_between_it_and_its_neighbour_towards_the_default()
    {
        var popularity = Knob($"weight {BuiltInSignals.Popularity}");
        var step = popularity.TowardDefault(3);

        Assert.Equal(1, step);
        Assert.Equal([1.5, 2, 2.5], popularity.Between(step, 3));
        Assert.Equal(popularity.Default, popularity.TowardDefault(popularity.Default));
    }

    [Fact]
    public void The_search_reads_only_the_training_period_and_reports_every_trial()
    {
        var report = WeightTuner.Tune([SmallShop()], new RunOptions(), SilentProgressReporter.Instance);

        Assert.Equal(WeightTuner.Windows, report.Windows.Count);
        Assert.All(report.Windows, w => Assert.True(w.To < SmallShopTestPeriod));
        Assert.Equal("SDK defaults", report.Trials[0].Changes);
        Assert.Contains(report.Chosen, report.Trials);
        Assert.All(report.Trials, t => Assert.Equal(WeightTuner.Windows, t.Scores.Count));
        Assert.Equal(report.ChosenMeetsTarget, WeightTuner.MeetsTarget(report.Chosen));
        Assert.Contains("Validation-chosen defaults", MarkdownReport.Write(new EvaluationReport("tune", [], report)), StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(JsonReport.Write(new EvaluationReport("tune", [], report)));
        Assert.Equal(report.Trials.Count, json.RootElement.GetProperty("tuning").GetProperty("trials").GetArrayLength());
    }

    [Fact]
    public void With_an_extra_configuration_it_only_checks_that_configuration_beside_the_defaults()
    {
        var extra = SdkConfiguration.With(new Dictionary<string, float> { [BuiltInSignals.Popularity] = 2f }, new Dictionary<string, float>());

        var report = WeightTuner.Tune([SmallShop()], new RunOptions(ExtraSdk: extra), SilentProgressReporter.Instance);

        Assert.False(report.Searched);
        Assert.Equal(["SDK defaults", "weights popularity=2"], report.Trials.Select(t => t.Changes));
        Assert.Equal("check", report.Trials[1].Stage);
        Assert.Same(report.Trials[1], report.Chosen);
        Assert.All(report.Trials, t => Assert.Equal(WeightTuner.Windows, t.Scores.Count));
        var markdown = MarkdownReport.Write(new EvaluationReport("tune", [], report));
        Assert.Contains("**Checked configuration:** weights popularity=2", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Validation-chosen defaults", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_best_baseline_is_the_best_by_mean_over_the_windows_not_on_one_window()
    {
        // Reference 1 wins window 1 by a lot; reference 2 wins the other two and the mean.
        IReadOnlyList<IReadOnlyList<double>> windows = [[0.1, 0.5, 0.3], [0.1, 0.1, 0.3], [0.1, 0.1, 0.2]];

        Assert.Equal(2, TuningObjective.BestReference(windows));
        Assert.Equal(0, TuningObjective.BestReference([[0.2, 0.2]]));
    }

    [Fact]
    public void The_best_baseline_objective_is_the_smaller_data_sets_ratio_of_means()
    {
        // Data set A: means 0.3 against 0.2 (1.5); B: 0.15 against 0.2 (0.75); the ratio of means, not the mean of ratios.
        IReadOnlyList<IReadOnlyList<double>> sdk = [[0.2, 0.4], [0.1, 0.2]];
        IReadOnlyList<IReadOnlyList<double>> best = [[0.1, 0.3], [0.3, 0.1]];

        Assert.Equal(0.75, TuningObjective.Objective(sdk, best), 12);
        Assert.Equal(0, TuningObjective.Objective([[0.1]], [[0]]));
        Assert.Throws<ArgumentException>(() => TuningObjective.Objective(sdk, [[0.1]]));
    }

    [Fact]
    public void The_best_baseline_target_measures_against_every_tuned_baseline_and_five_times_popular_coverage()
    {
        var report = WeightTuner.Tune([SmallShop()], new RunOptions { TuneTarget = TuningTarget.BestBaseline }, SilentProgressReporter.Instance);

        Assert.Equal(TuningTarget.BestBaseline, report.Target);
        Assert.Equal(WeightTuner.MarginFor(TuningTarget.BestBaseline), report.TargetMargin);
        Assert.Contains(WeightTuner.KnobsFor(TuningTarget.BestBaseline), k => k.Name == $"weight {BuiltInSignals.SimilarItems}");
        Assert.DoesNotContain(WeightTuner.Knobs, k => k.Name == $"weight {BuiltInSignals.SimilarItems}");
        Assert.All(report.Windows, w => Assert.Equal(["most-popular", "item-knn", "decayed-popularity", "ease", "rp3beta"], w.References.Select(r => r.Name)));

        var bestIndex = TuningObjective.BestReference([.. report.Windows.Select(w => (IReadOnlyList<double>)[.. w.References.Select(r => r.Metrics.NdcgAt10)])]);
        Assert.Equal(report.Windows[0].References[bestIndex].Name, report.BestBaselines[report.Windows[0].Dataset]);
        var bestMean = report.Windows.Average(w => w.References[bestIndex].Metrics.NdcgAt10);
        Assert.All(report.Trials, trial =>
        {
            Assert.Equal(trial.Scores.Average(s => s.Metrics.NdcgAt10) / bestMean, trial.Objective, 12);
            var covered = trial.Scores.Zip(report.Windows, (s, w) => s.Metrics.CoverageAt10 >= 5 * w.References[0].Metrics.CoverageAt10).All(ok => ok);
            Assert.Equal(covered, trial.Feasible);
        });
        Assert.Equal(WeightTuner.MeetsTarget(report.Chosen, report.TargetMargin), report.ChosenMeetsTarget);
        var markdown = MarkdownReport.Write(new EvaluationReport("tune", [], report));
        Assert.Contains("Target: issue 17's.", markdown, StringComparison.Ordinal);
        Assert.Contains("| x the best baseline |", markdown, StringComparison.Ordinal);
    }
}
