using Personalize.Evaluation.Cli;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Defaults_to_the_primary_data_set_with_every_part_of_the_run()
    {
        var command = CommandLine.Parse([]);

        Assert.Equal([UciOnlineRetailLoader.Name], command.Datasets);
        Assert.Null(command.DataPath);
        Assert.False(command.Json);
        Assert.False(command.Tune);
        Assert.True(command.Run.Ablation);
        Assert.True(command.Run.Prequential);
        Assert.False(command.TuneBaselines);
        Assert.Null(command.Run.Neighbours);
        Assert.Equal(RunOptions.DefaultRandomSeeds, command.Run.RandomSeeds);
    }

    [Fact]
    public void The_tune_target_is_the_original_one_unless_best_baseline_is_asked_for()
    {
        Assert.Equal(TuningTarget.BetterOfPopularAndKnn, CommandLine.Parse(["--tune"]).Run.TuneTarget);
        Assert.Equal(TuningTarget.BestBaseline, CommandLine.Parse(["--tune", "--tune-target", "best-baseline"]).Run.TuneTarget);
        Assert.Equal(TuningTarget.BetterOfPopularAndKnn, CommandLine.Parse(["--tune", "--tune-target", "popular-or-knn"]).Run.TuneTarget);
        Assert.Contains("'best'", Assert.Throws<FormatException>(() => CommandLine.Parse(["--tune", "--tune-target", "best"])).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--tune-target", "best-baseline"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--tune", "--tune-target"]));
    }

    [Fact]
    public void Parses_every_option()
    {
        var command = CommandLine.Parse(["--dataset", "all", "--data", "/d", "--json", "--tune", "--seed", "7", "--neighbours", "20", "--buckets", "3", "--max-lines", "100", "--no-ablation", "--no-prequential", "--quiet", "--tune-baselines", "--random-seeds", "3"]);

        Assert.Equal(DatasetLoader.Names, command.Datasets);
        Assert.Equal("/d", command.DataPath);
        Assert.True(command.Json && command.Tune && command.TuneBaselines && command.Quiet);
        Assert.Equal(new RunOptions(7, 20, false, false, 3, RandomSeeds: 3), command.Run);
        Assert.Equal([7, 8, 9], command.Run.RandomSeedValues());
        Assert.Equal(100, command.MaxLines);
        Assert.Null(command.JsonPath);
        Assert.Equal("/tmp/run.json", CommandLine.Parse(["--json-out", "/tmp/run.json"]).JsonPath);
    }

    [Fact]
    public void The_trend_half_life_and_the_category_cap_make_an_extra_sdk_row_but_not_a_tuning_check()
    {
        var extra = CommandLine.Parse(["--sdk-trend-half-life", "2", "--sdk-max-per-category", "0"]).Run.ExtraSdk!;
        var options = new Personalize.Sdk.PersonalizationOptions();

        extra.Apply(options);

        Assert.Equal(TimeSpan.FromDays(2), options.TrendHalfLife);
        Assert.Equal(0, options.MaxPerCategory);
        Assert.Equal("sdk (trend half-life 2 d; at most 0 per category)", extra.Name);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--tune", "--sdk-max-per-category", "2"]));
    }

    [Theory]
    [InlineData("--dataset", "nope")]
    [InlineData("--seed", "-1")]
    [InlineData("--neighbours", "zero")]
    [InlineData("--random-seeds", "0")]
    [InlineData("--data")]
    [InlineData("--frobnicate")]
    [InlineData("--strict-validation")]
    [InlineData("--learn-weights-test", "pool", "--strict-validation")]
    [InlineData("--learn-weights", "--json")]
    [InlineData("--learn-weights", "--json-out", "learned.json")]
    public void Rejects_a_bad_command_line(params string[] args)
    {
        Assert.Throws<FormatException>(() => CommandLine.Parse(args));
    }

    [Theory]
    [InlineData("--learn-weights", "--validation", "2")]
    [InlineData("--learn-weights-test", "pool", "--validation", "2")]
    [InlineData("--learn-weights", "--tune")]
    [InlineData("--learn-weights-test", "pool", "--tune")]
    [InlineData("--learn-weights", "--tune-baselines")]
    [InlineData("--learn-weights-test", "pool", "--tune-baselines")]
    [InlineData("--learn-weights", "--ratings-as-views")]
    [InlineData("--learn-weights-test", "pool", "--ratings-as-views")]
    [InlineData("--learn-weights", "--sdk-weights", "popularity=1")]
    [InlineData("--learn-weights-test", "pool", "--sdk-cold-start-weights", "popularity=1")]
    [InlineData("--learn-weights", "--sdk-popularity-half-life", "2")]
    [InlineData("--learn-weights", "--sdk-affinity-half-life", "2")]
    [InlineData("--learn-weights-test", "pool", "--sdk-trend-half-life", "2")]
    [InlineData("--learn-weights", "--sdk-max-per-category", "2")]
    [InlineData("--learn-weights-test", "pool", "--sdk-min-confidence", "0.2")]
    public void A_learning_run_refuses_every_option_it_would_ignore(params string[] args)
    {
        var failure = Assert.Throws<FormatException>(() => CommandLine.Parse(args));

        Assert.Contains(args[args[0] == "--learn-weights" ? 1 : 2], failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tune", "--validation", "1")]
    [InlineData("--tune-baselines", "--validation", "2")]
    [InlineData("--tune", "--sdk-weights", "popularity=1", "--validation", "1")]
    [InlineData("--tune-baselines", "--sdk-weights", "popularity=1")]
    [InlineData("--tune-baselines", "--sdk-min-confidence", "0.2", "--sdk-label", "mine")]
    public void The_tuners_refuse_a_validation_window_or_an_sdk_row_they_would_ignore(params string[] args)
    {
        Assert.Throws<FormatException>(() => CommandLine.Parse(args));
    }

    [Theory]
    [InlineData("--validation", "2", "--strict-validation")]
    [InlineData("--validation", "2", "--strict-validation", "--sdk-weights", "popularity=1", "--ratings-as-views")]
    [InlineData("--tune", "--strict-validation")]
    [InlineData("--tune", "--sdk-weights", "popularity=1", "--strict-validation", "--ratings-as-views")]
    [InlineData("--tune-baselines", "--strict-validation", "--ratings-as-views")]
    [InlineData("--tune", "--tune-baselines", "--sdk-weights", "popularity=1")]
    [InlineData("--learn-weights", "--strict-validation", "--dataset", "all", "--seed", "7", "--max-lines", "100", "--quiet")]
    [InlineData("--learn-weights-test", "pool", "--dataset", "all", "--seed", "7")]
    public void The_documented_combinations_still_parse(params string[] args)
    {
        var command = CommandLine.Parse(args);

        Assert.Equal(args.Contains("--strict-validation"), command.Run.StrictValidation);
    }

    [Theory]
    [InlineData("--sdk-weights", "popularity=1000001")]
    [InlineData("--sdk-weights", "co-occurrence=2e6")]
    [InlineData("--sdk-cold-start-weights", "popularity=1e30")]
    [InlineData("--sdk-max-per-category", "10001")]
    [InlineData("--sdk-popularity-half-life", "1e-13")]
    [InlineData("--sdk-affinity-half-life", "1e-13")]
    [InlineData("--sdk-trend-half-life", "1e-13")]
    public void Sdk_settings_the_sdk_itself_refuses_are_a_bad_command_line(params string[] args)
    {
        var failure = Assert.Throws<FormatException>(() => CommandLine.Parse(args));

        Assert.Contains("PersonalizationOptions.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sdk_settings_at_the_sdk_s_limits_parse()
    {
        var extra = CommandLine.Parse(["--sdk-weights", "popularity=1000000", "--sdk-max-per-category", "10000", "--sdk-trend-half-life", "0.001"]).Run.ExtraSdk!;

        Assert.Equal(1_000_000f, extra.Weights["popularity"]);
        Assert.Equal(10_000, extra.MaxPerCategory);
        Assert.Empty(extra.Problems());
    }

    [Fact]
    public void The_sdk_options_add_one_sdk_row_with_those_settings()
    {
        var command = CommandLine.Parse(["--sdk-weights", "popularity=3, co-occurrence=1", "--sdk-cold-start-weights", "freshness=0", "--sdk-popularity-half-life", "2", "--sdk-affinity-half-life", "30", "--sdk-min-confidence", "0.2"]);

        var extra = command.Run.ExtraSdk!;
        Assert.Equal(new Dictionary<string, float> { ["popularity"] = 3f, ["co-occurrence"] = 1f }, extra.Weights);
        Assert.Equal(new Dictionary<string, float> { ["freshness"] = 0f }, extra.ColdStartWeights);
        Assert.Equal(TimeSpan.FromDays(2), extra.PopularityHalfLife);
        Assert.Equal(TimeSpan.FromDays(30), extra.AffinityHalfLife);
        Assert.Equal(0.2, extra.MinConfidence);
        Assert.True(extra.ReplaySettings);
        Assert.Equal("sdk (weights popularity=3, co-occurrence=1; cold start freshness=0; popularity half-life 2 d; affinity half-life 30 d; min confidence 0.2)", extra.Name);
        Assert.Equal(extra.Name, EvaluationRunner.Recommenders(command.Run)[^1]().Name);
    }

    [Fact]
    public void The_extra_row_can_be_labelled_and_other_options_parse()
    {
        var command = CommandLine.Parse(["--sdk-weights", "popularity=1.5", "--sdk-label", "proposed defaults", "--validation", "2", "--ratings-as-views"]);

        Assert.Equal("proposed defaults", command.Run.ExtraSdk!.Name);
        Assert.Equal(2, command.Run.Validation);
        Assert.True(command.RatingsAsViews);
        Assert.Null(CommandLine.Parse([]).Run.ExtraSdk);
    }

    [Theory]
    [InlineData("--sdk-weights", "nope=1")]
    [InlineData("--sdk-weights", "popularity=-1")]
    [InlineData("--sdk-weights", "popularity")]
    [InlineData("--sdk-cold-start-weights", "popularity=x")]
    [InlineData("--sdk-min-confidence", "1.5")]
    [InlineData("--sdk-popularity-half-life", "0")]
    [InlineData("--sdk-label", "alone")]
    [InlineData("--validation", "0")]
    public void Sdk_options_must_name_built_in_signals_and_valid_values(params string[] args)
    {
        Assert.Throws<FormatException>(() => CommandLine.Parse(args));
    }

    [Theory]
    [InlineData("sdk")]
    [InlineData("most-popular")]
    [InlineData("sdk: popularity only")]
    [InlineData("random (seed 99)")]
    public void A_label_another_row_has_is_refused_before_anything_is_scored(string label)
    {
        var failure = Assert.Throws<FormatException>(() => CommandLine.Parse(["--sdk-weights", "popularity=1", "--sdk-label", label]));

        Assert.Contains($"'{label}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_shown_in_a_report_quotes_arguments_with_spaces()
    {
        Assert.Equal("--sdk-label", Program.Quote("--sdk-label"));
        Assert.Equal("\"proposed defaults\"", Program.Quote("proposed defaults"));
        Assert.Equal("\"\"", Program.Quote(string.Empty));
    }
}
