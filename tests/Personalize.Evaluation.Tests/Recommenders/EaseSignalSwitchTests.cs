using Personalize.Evaluation.Cli;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Tests.Recommenders;

/// <summary>Tests that set the process's environment run alone, so no other test sees it changed.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// The EASE-signal rows are switched on by <see cref="EaseSignalVariant.EnvironmentVariable"/> for the
/// console only: runs built in code take them from their options, so the variable cannot change them.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class EaseSignalSwitchTests
{
    [Fact]
    public void Runs_built_in_code_add_no_ease_signal_rows_even_when_the_variable_is_set()
    {
        var before = Environment.GetEnvironmentVariable(EaseSignalVariant.EnvironmentVariable);
        Environment.SetEnvironmentVariable(EaseSignalVariant.EnvironmentVariable, "1;2:cold=1");
        try
        {
            var defaults = new RunOptions(Ablation: false, Prequential: false, RandomSeeds: 1);
            var report = EvaluationRunner.Run(SyntheticLog.BusyShop(), defaults, SilentProgressReporter.Instance);

            Assert.DoesNotContain(report.Results, r => r.Name.Contains("ease-signal", StringComparison.Ordinal));
            Assert.DoesNotContain(EvaluationRunner.RowNames(new RunOptions()), name => name.Contains("ease-signal", StringComparison.Ordinal));
            Assert.Empty(CommandLine.Parse(["--sdk-weights", "popularity=1"]).Run.EaseSignals);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EaseSignalVariant.EnvironmentVariable, before);
        }
    }

    [Fact]
    public void Ease_signal_rows_come_from_the_run_options()
    {
        var variants = EaseSignalVariant.Parse("1;2:cold=1");
        var options = new RunOptions(Ablation: false, Prequential: false, RandomSeeds: 1) { EaseSignals = variants };

        var report = EvaluationRunner.Run(SyntheticLog.BusyShop(), options, SilentProgressReporter.Instance);

        Assert.Equal(variants.Select(v => v.RowName), report.Results.Select(r => r.Name).TakeLast(2));
        Assert.Equal(variants, CommandLine.Parse([], variants).Run.EaseSignals);
    }

    [Fact]
    public void An_sdk_label_that_an_ease_signal_row_has_is_refused()
    {
        var variants = EaseSignalVariant.Parse("1");

        Assert.Throws<FormatException>(() => CommandLine.Parse(["--sdk-weights", "popularity=1", "--sdk-label", variants[0].RowName], variants));
    }
}
