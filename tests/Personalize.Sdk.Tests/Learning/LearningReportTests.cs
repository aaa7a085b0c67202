using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>The learning report and the policy evaluation as objects, JSON and tables, and the reporter's argument checks.</summary>
public sealed class LearningReportTests
{
    [Fact]
    public void An_evaluation_before_any_settled_decision_says_nothing_and_writes_NaN()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink());
        var evaluation = Reporter(sdk).Evaluate(PersonalizationRequest.DefaultPlacement);

        Assert.Equal(0, evaluation.Rounds);
        Assert.Equal(["default", "learned", "random"], evaluation.Policies.Select(policy => policy.Policy));
        Assert.True(double.IsNaN(evaluation["default"].DoublyRobust.Value));
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => evaluation[null!]).ParamName);
        Assert.Throws<KeyNotFoundException>(() => evaluation["nope"]);
        using var json = JsonDocument.Parse(evaluation.ToJson());
        Assert.Equal("NaN", json.RootElement.GetProperty("learnedMinusDefault").GetProperty("value").GetString());
    }

    [Fact]
    public void The_online_results_list_all_three_policies_even_those_that_served_nothing()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink());
        sdk.View("ann", "hiking-1");
        var decision = sdk.Rank("ann", 1);
        sdk.Personalizer.Reward(decision.Id, 1);
        RewardTests.Settle(sdk);

        var online = Assert.Single(Reporter(sdk).GetReport().Placements).Online;

        Assert.Equal(["default", "learned", "control"], online.Select(result => result.Policy));
        Assert.Equal([1L, 0L, 0L], online.Select(result => result.Decisions));
        Assert.All(online.Skip(1), result => Assert.True(double.IsNaN(result.Mean) && double.IsNaN(result.Lower) && double.IsNaN(result.Upper)));

        // One decision has a mean but no spread: its interval is unknown, not zero wide.
        Assert.Equal(1, online[0].Mean);
        Assert.True(double.IsNaN(online[0].Lower) && double.IsNaN(online[0].Upper), $"[{online[0].Lower}, {online[0].Upper}]");
    }

    [Fact]
    public void The_evaluation_covers_every_policy_and_a_candidate_in_its_table_and_json()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options =>
        {
            options.Learning.ExplorationRate = 0.3;
            options.Learning.ExplorationSeed = 1;
        });
        for (var i = 0; i < 40; i++)
        {
            sdk.View($"user-{i}", "books-1");
            var decision = sdk.Rank($"user-{i}", 3);
            sdk.Personalizer.Reward(decision.Id, decision.Items[i % 3].ItemKey, 1);
        }

        RewardTests.Settle(sdk);
        var evaluation = Reporter(sdk).Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [BuiltInSignals.Popularity] = 1 });

        Assert.Equal(40, evaluation.Decisions);
        Assert.Equal(120, evaluation.Rounds);
        Assert.Equal(["default", "learned", "random", "candidate"], evaluation.Policies.Select(policy => policy.Policy));
        foreach (var policy in evaluation.Policies)
        {
            Assert.InRange(policy.SelfNormalized.Value, 0, 1);
            Assert.True(policy.DoublyRobust.Lower <= policy.DoublyRobust.Value && policy.DoublyRobust.Value <= policy.DoublyRobust.Upper);
            Assert.InRange(policy.InversePropensity.EffectiveSampleSize, 1, 120);
            Assert.Equal(40, policy.DirectMethod.EffectiveSampleSize); // each decision read at its first slot
        }

        var table = evaluation.ToTable();
        Assert.Contains("candidate", table, StringComparison.Ordinal);
        Assert.Contains("learned - default", table, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(evaluation.ToJson());
        Assert.Equal(4, json.RootElement.GetProperty("policies").GetArrayLength());

        var report = Reporter(sdk).GetReport();
        using var reportJson = JsonDocument.Parse(report.ToJson());
        var placement = reportJson.RootElement.GetProperty("placements")[0];
        Assert.Equal("Apprentice", placement.GetProperty("mode").GetString());
        Assert.Equal(40, placement.GetProperty("settledDecisions").GetInt64());
        Assert.Contains("one server's view", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_reports_at_the_configured_takeover_confidence_as_the_reports_evaluation_does()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options =>
        {
            options.Learning.TakeoverConfidence = 0.99;
            options.Learning.MinSettledDecisions = 1;
        });
        sdk.View("ann", "books-1");
        sdk.Personalizer.Reward(sdk.Rank("ann", 2).Id, 1);
        RewardTests.Settle(sdk);

        var evaluation = Reporter(sdk).Evaluate(PersonalizationRequest.DefaultPlacement);

        Assert.Equal(0.99, evaluation.Confidence);
        Assert.Equal(0.99, Assert.Single(Reporter(sdk).GetReport().Placements).Evaluation?.Confidence);
    }

    [Fact]
    public void The_public_constructors_refuse_a_list_holding_null_at_once_naming_it()
    {
        var none = new EstimateInterval(double.NaN, double.NaN, double.NaN, 0);
        var candidate = new LoggedCandidate("hiking-1", null, [1f, 1f, 1f]);
        static LearningRecord Record(IReadOnlyList<string> featureNames, IReadOnlyList<LoggedCandidate> candidates) =>
            new(Guid.CreateVersion7(), "home", DateTimeOffset.UnixEpoch, "default", 0, 0, 0, featureNames, candidates, [new LoggedSlot(0, 1, 0, false)], 0, []);

        Assert.Throws<ArgumentException>("policies", () => new PolicyEvaluation("home", DateTimeOffset.UnixEpoch, 0, 0, 0.95, [null!], none));
        Assert.Throws<ArgumentException>("placements", () => new LearningReport(DateTimeOffset.UnixEpoch, [null!]));
        Assert.Throws<ArgumentException>("candidates", () => Record(["s", "confidence*s", "bias"], [candidate, null!]));
        Assert.Throws<ArgumentException>("featureNames", () => Record(["s", null!, "bias"], [candidate]));
        Assert.Throws<ArgumentNullException>("candidates", () => Record(["s", "confidence*s", "bias"], null!));
        Assert.Single(Record(["s", "confidence*s", "bias"], [candidate]).Candidates);
        static PlacementLearning Placement(IReadOnlyList<string> importance, IReadOnlyList<LearnedWeights> history) =>
            new("home", LearningMode.Online, "default", 0, 0, 0, 0, new Dictionary<string, double>(), importance, history, [], null);
        Assert.Throws<ArgumentException>("importance", () => Placement(["s", null!], []));
        Assert.Throws<ArgumentException>("history", () => Placement([], [null!]));
        Assert.Empty(Placement([], []).History);
    }

    [Fact]
    public void The_reporter_names_a_placement_that_does_not_learn_and_a_weight_naming_no_signal()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options => options.Placements["email"] = new PlacementOptions { LearningMode = LearningMode.Off });
        var reporter = Reporter(sdk);

        Assert.Equal("placement", Assert.Throws<ArgumentException>(() => reporter.Evaluate("email")).ParamName);
        Assert.Equal("candidateWeights", Assert.Throws<ArgumentException>(() => reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { ["nope"] = 1 })).ParamName);
        Assert.Equal([PersonalizationRequest.DefaultPlacement], reporter.GetReport().Placements.Select(placement => placement.Placement));
    }

    [Fact]
    public void A_candidate_weighing_a_signal_the_placement_never_computes_is_refused_rather_than_evaluated_as_zero()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), TestSdk.Only(BuiltInSignals.Popularity));
        var reporter = Reporter(sdk);

        var refused = Assert.Throws<ArgumentException>(() => reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [BuiltInSignals.CoOccurrence] = 1 }));
        Assert.Equal("candidateWeights", refused.ParamName);
        Assert.Contains("does not compute", refused.Message, StringComparison.Ordinal);
        Assert.Equal(4, reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [BuiltInSignals.Popularity] = 2, [BuiltInSignals.CoOccurrence] = 0 }).Policies.Count);
    }

    [Fact]
    public void Evaluate_accepts_a_candidate_weight_for_a_signal_a_reload_weighed_in()
    {
        using var host = new ReloadableLearningHost(favouriteWeight: 0f);

        // docs/migrating-from-azure-personalizer.md: "To adopt them, make them the placement's Weights
        // (the default weights; a reload changes them live)."
        host.Reload(("Weights:favourite", "5"), ("ColdStartWeights:favourite", "5"));
        host.ServeAndSettle(20);

        // The placement now weighs and computes 'favourite' (its value is in every logged record).
        var evaluation = host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [FavouriteSignal.SignalName] = 1f });
        Assert.Equal(20, evaluation.Decisions);
    }

    [Fact]
    public void Evaluate_refuses_a_candidate_weight_for_a_signal_a_reload_weighed_out()
    {
        using var host = new ReloadableLearningHost(favouriteWeight: 1f);

        host.Reload(("Weights:favourite", "0"), ("ColdStartWeights:favourite", "0"));
        host.ServeAndSettle(20);

        // Every decision in the window logged favourite = 0 (no longer computed): evaluated, the
        // candidate would read zeros. ILearningReporter.Evaluate documents an ArgumentException.
        var refused = Assert.Throws<ArgumentException>(() => host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [FavouriteSignal.SignalName] = 1f }));
        Assert.Equal("candidateWeights", refused.ParamName);
    }

    [Fact]
    public void A_candidate_is_evaluated_over_the_decisions_that_computed_its_signals_and_so_are_the_others()
    {
        using var host = new ReloadableLearningHost(favouriteWeight: 0f);
        host.ServeAndSettle(15);
        host.Reload(("Weights:favourite", "5"), ("ColdStartWeights:favourite", "5"));
        host.ServeAndSettle(20);
        var candidate = new Dictionary<string, float> { [FavouriteSignal.SignalName] = 1f, [BuiltInSignals.Popularity] = 1f };

        var whole = host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement);
        var computed = host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, candidate);
        var withoutIt = host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [BuiltInSignals.Popularity] = 1f });

        Assert.Equal(35, whole.Decisions);
        Assert.Equal(20, computed.Decisions);
        Assert.Equal(35, withoutIt.Decisions);

        // Weighed out again: the decisions that computed it are still evaluated, until they leave the window.
        host.Reload(("Weights:favourite", "0"), ("ColdStartWeights:favourite", "0"));
        host.ServeAndSettle(10);
        Assert.Equal(20, host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, candidate).Decisions);
    }

    [Fact]
    public void A_candidate_weighing_a_signal_weighed_in_since_the_last_settled_decision_is_evaluated_over_none()
    {
        using var host = new ReloadableLearningHost(favouriteWeight: 0f);
        host.ServeAndSettle(10);

        host.Reload(("Weights:favourite", "5"), ("ColdStartWeights:favourite", "5"));

        var evaluation = host.Reporter.Evaluate(PersonalizationRequest.DefaultPlacement, new Dictionary<string, float> { [FavouriteSignal.SignalName] = 1f });
        Assert.Equal(0, evaluation.Decisions);
        Assert.True(double.IsNaN(evaluation["candidate"].DoublyRobust.Value));
    }

    private static ILearningReporter Reporter(TestSdk sdk) => sdk.Services.GetRequiredService<ILearningReporter>();

    /// <summary>A learning personalizer with the favourite signal, whose options a test reloads as a host's configuration would.</summary>
    private sealed class ReloadableLearningHost : IDisposable
    {
        private readonly ConfigurationManager _configuration = new();
        private readonly FakeTimeProvider _time = new(TestSdk.Start);
        private readonly ServiceProvider _provider;
        private int _served;

        public ReloadableLearningHost(float favouriteWeight)
        {
            _configuration["Personalization:Learning:Mode"] = "Online";
            _configuration["Personalization:Learning:ExplorationRate"] = "0.2";
            var services = new ServiceCollection();
            services.AddMetrics();
            services.AddSingleton<TimeProvider>(_time);
            services.Configure<PersonalizationOptions>(_configuration.GetSection("Personalization"));
            services.AddPersonalization().AddCatalog(TestCatalog.Items).AddSignal(new FavouriteSignal(), favouriteWeight, favouriteWeight);
            _provider = services.BuildServiceProvider();
            Personalizer = _provider.GetRequiredService<IPersonalizer>();
            Reporter = _provider.GetRequiredService<ILearningReporter>();
        }

        public IPersonalizer Personalizer { get; }

        public ILearningReporter Reporter { get; }

        public void Reload(params (string Key, string Value)[] settings)
        {
            foreach (var (key, value) in settings)
            {
                _configuration[$"Personalization:{key}"] = value;
            }

            ((IConfigurationRoot)_configuration).Reload();
        }

        public void ServeAndSettle(int decisions)
        {
            for (var i = 0; i < decisions; i++, _served++)
            {
                Personalizer.Track(PersonalizationEvent.View($"u{_served}", "books-1"));
                var decision = Personalizer.Rank(new PersonalizationRequest($"u{_served}") { Count = 4 });
                Personalizer.Reward(decision.Id, 1);
            }

            _time.Advance(TimeSpan.FromMinutes(11));
            ((Personalizer)Personalizer).Learner.Update();
        }

        public void Dispose() => _provider.Dispose();
    }
}
