using System.Text.Json;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Readiness;

public sealed class ReadinessReportTests
{
    [Fact]
    public void A_signal_that_throws_whenever_it_runs_is_judged_once_the_placement_has_enough_decisions()
    {
        // Weighed only for people with history, it runs in 60 of the placement's 200 decisions.
        using var sdk = new TestSdk(
            options => options.Readiness.MinimumDecisions = 100,
            builder => builder.AddSignal(new PersonalOnlyThrowing(), 1f, 0f));
        sdk.View("regular", "books-1", "books-2", "books-3", "books-4", "books-1", "books-2");
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(DecisionVariant.Personalized, sdk.Rank("regular").Variant);
        }

        var early = sdk.Readiness()["default"].Signals.Single(s => s.Signal == PersonalOnlyThrowing.SignalName);
        for (var i = 0; i < 140; i++)
        {
            sdk.Rank($"guest-{i}");
        }

        var readiness = sdk.Readiness()["default"];
        var health = readiness.Signals.Single(s => s.Signal == PersonalOnlyThrowing.SignalName);

        Assert.Equal(ReadinessStatus.InsufficientData, early.Status);
        Assert.Equal(200, readiness.Coverage.Decisions);
        Assert.Equal((60L, 1.0), (health.Computations, health.FaultRate));
        Assert.Equal(ReadinessStatus.NotReady, health.Status);
        Assert.Equal(ReadinessStatus.NotReady, readiness.Figures.Single(f => f.Name == $"signal '{PersonalOnlyThrowing.SignalName}'").Status);
    }

    private sealed class PersonalOnlyThrowing : ISignalProvider
    {
        public const string SignalName = "personal-only";

        public string Name => SignalName;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) =>
            throw new InvalidOperationException("down");
    }

    [Fact]
    public void Identity_resolution_is_the_share_of_events_and_decisions_from_known_or_stitched_users()
    {
        using var sdk = new TestSdk(options => options.Readiness.MinimumDecisions = 1);
        sdk.View("guest", "books-1");                      // unknown event
        sdk.Rank("guest");                                 // unknown decision
        sdk.Personalizer.Identify("guest", "account");
        sdk.View("guest", "books-2");                      // stitched alias: known
        sdk.View("account", "books-3");                    // known key
        sdk.Rank("account");                               // known decision
        sdk.Rank("stranger");                              // unknown decision

        var figure = Figure(sdk.Readiness()[PersonalizationRequest.DefaultPlacement], "identity resolution");

        Assert.Equal(3.0 / 6, figure.Value!.Value, 9);
        Assert.Equal(ReadinessStatus.AtRisk, figure.Status);
        Assert.Contains("Identify", figure.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Forgetting_a_user_makes_them_unknown_again()
    {
        using var sdk = new TestSdk(options => options.Readiness.MinimumDecisions = 1);
        sdk.Personalizer.Identify("guest", "account");
        sdk.Personalizer.Forget("account");

        sdk.Rank("account");
        sdk.Rank("guest");

        Assert.Equal(0, Figure(sdk.Readiness()[PersonalizationRequest.DefaultPlacement], "identity resolution").Value);
    }

    [Fact]
    public void Coverage_counts_how_decisions_were_served_and_the_pipelines_own_fallbacks()
    {
        using var sdk = new TestSdk(options => options.Readiness.MinimumDecisions = 1);
        sdk.View("regular", "books-1", "books-2", "books-3", "books-4", "books-1");
        for (var i = 0; i < 3; i++)
        {
            sdk.Rank("regular");
        }

        sdk.Rank("newcomer");
        sdk.Personalizer.Rank(new PersonalizationRequest("regular") { Candidates = new[] { "no-such-item" } });

        var coverage = sdk.Readiness()[PersonalizationRequest.DefaultPlacement].Coverage;

        Assert.Equal(5, coverage.Decisions);
        Assert.Equal((0.6, 0.2, 0.0, 0.2), (coverage.Personalized, coverage.ColdStart, coverage.Control, coverage.Fallback));
        Assert.Equal(0.2, coverage.FallbackRate, 9);
    }

    [Fact]
    public void Profile_age_quantiles_come_from_the_last_event_of_each_user_decided_on()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Readiness.MinimumDecisions = 1;
            options.Readiness.Window = TimeSpan.FromDays(7);
            options.ProfileIdleExpiration = TimeSpan.FromDays(365);
            options.MinConfidence = 0;
        });
        for (var i = 0; i < 2; i++)
        {
            sdk.View($"lapsed-{i}", "garden-1");
        }

        sdk.Time.Advance(TimeSpan.FromDays(40));
        for (var i = 0; i < 8; i++)
        {
            sdk.View($"active-{i}", "garden-2");
        }

        sdk.Time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 8; i++)
        {
            sdk.Rank($"active-{i}");
        }

        sdk.Rank("lapsed-0");
        sdk.Rank("lapsed-1");
        sdk.Rank("nobody");

        var placement = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];
        var median = Figure(placement, "profile age, median");
        var p90 = Figure(placement, "profile age, p90");

        // Power-of-two bins: 1 h lies in [2^11, 2^12) s and 40 d + 1 h in [2^21, 2^22) s.
        Assert.InRange(median.Value!.Value, 2048, 4096);
        Assert.Equal(ReadinessStatus.Ready, median.Status);
        Assert.InRange(p90.Value!.Value, 2_097_152, 4_194_304);
        Assert.Equal(ReadinessStatus.NotReady, p90.Status);
    }

    [Fact]
    public void Signal_health_reports_faults_invalid_values_and_how_much_a_signal_says()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Readiness.MinimumDecisions = 4;
                options.Weights[BuiltInSignals.StatedPreference] = 0;
            },
            builder => builder
                .AddSignal(new FixedSignal("broken", float.NaN, throws: true), 1f, 1f)
                .AddSignal(new FixedSignal("nan-half", float.NaN), 1f, 1f)
                .AddSignal(new FixedSignal("silent", 0f), 1f, 1f));
        for (var i = 0; i < 4; i++)
        {
            sdk.Rank($"user-{i}");
        }

        var placement = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];
        var broken = placement.Signals.Single(s => s.Signal == "broken");
        var nan = placement.Signals.Single(s => s.Signal == "nan-half");
        var silent = placement.Signals.Single(s => s.Signal == "silent");
        var popularity = placement.Signals.Single(s => s.Signal == BuiltInSignals.Popularity);

        Assert.Equal((4L, 1.0, ReadinessStatus.NotReady), (broken.Computations, broken.FaultRate, broken.Status));
        Assert.Equal((0.5, 0.5, ReadinessStatus.NotReady), (nan.InvalidRate, nan.NonZeroShare, nan.Status));
        Assert.Equal((0.0, 0.0, ReadinessStatus.AtRisk), (silent.FaultRate, silent.NonZeroShare, silent.Status));
        Assert.Equal(ReadinessStatus.AtRisk, popularity.Status);
        Assert.DoesNotContain(placement.Signals, s => s.Signal == BuiltInSignals.StatedPreference);
        Assert.Contains("'broken' throws", Figure(placement, "signal 'broken'").Advice, StringComparison.Ordinal);
        Assert.Contains("NaN", Figure(placement, "signal 'nan-half'").Advice, StringComparison.Ordinal);
        Assert.Contains("weight to 0", Figure(placement, "signal 'silent'").Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_holds_default_and_configured_placements_and_refuses_other_names()
    {
        using var sdk = new TestSdk(options => options.Placements["home"] = new PlacementOptions());
        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "elsewhere" }); // served by "default"

        var report = sdk.Readiness();

        Assert.NotEmpty(report["home"].Figures);
        Assert.NotEmpty(report[PersonalizationRequest.DefaultPlacement].Figures);
        Assert.Equal("placement", Assert.Throws<ArgumentException>(() => report["elsewhere"]).ParamName);
    }

    [Fact]
    public void A_signal_figure_with_nothing_observed_has_no_value_and_says_so()
    {
        using var sdk = new TestSdk(options => options.Readiness.MinimumDecisions = 4);

        var before = Figure(sdk.Readiness()[PersonalizationRequest.DefaultPlacement], $"signal '{BuiltInSignals.Popularity}'");
        sdk.Rank("user-1");
        var after = Figure(sdk.Readiness()[PersonalizationRequest.DefaultPlacement], $"signal '{BuiltInSignals.Popularity}'");

        Assert.Equal((null, "n/a", ReadinessStatus.InsufficientData), (before.Value, before.Display, before.Status));
        Assert.NotNull(after.Value);
        Assert.EndsWith(" non-zero", after.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_freshness_follows_the_snapshot_age_and_how_complete_the_items_are()
    {
        using var sdk = new TestSdk();
        sdk.Catalog.Replace([.. TestCatalog.Items.Take(6), new CatalogItem { Key = "loose-1" }, new CatalogItem { Key = "loose-2" }]);

        sdk.Time.Advance(TimeSpan.FromDays(2));
        var atTwoDays = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];
        sdk.Time.Advance(TimeSpan.FromDays(6));
        var atEightDays = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];
        sdk.Catalog.Replace(TestCatalog.Items);
        var reloaded = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];

        Assert.Equal((2 * 86400.0, ReadinessStatus.AtRisk), (Figure(atTwoDays, "catalog age").Value, Figure(atTwoDays, "catalog age").Status));
        Assert.Equal(ReadinessStatus.NotReady, Figure(atEightDays, "catalog age").Status);
        Assert.Equal(ReadinessStatus.NotReady, atEightDays.Status);
        Assert.Equal((0.0, ReadinessStatus.Ready), (Figure(reloaded, "catalog age").Value, Figure(reloaded, "catalog age").Status));
        Assert.Equal((0.75, ReadinessStatus.AtRisk), (Figure(atTwoDays, "items with a category").Value, Figure(atTwoDays, "items with a category").Status));
        Assert.Equal((0.75, ReadinessStatus.Ready), (Figure(atTwoDays, "items with attributes").Value, Figure(atTwoDays, "items with attributes").Status));
        Assert.Equal((1.0, ReadinessStatus.Ready), (Figure(reloaded, "items with a category").Value, Figure(reloaded, "items with a category").Status));
    }

    [Fact]
    public void Rule_hygiene_lists_the_rules_in_play_that_are_overdue_or_measure_nothing()
    {
        var overdue = new RuleInfo("growth", "Boost the sale", "conversion", new DateOnly(2026, 1, 1));
        var unmeasured = new RuleInfo("growth", "Boost the brand", " ", new DateOnly(2030, 1, 1));
        using var sdk = new TestSdk(
            options => options.Placements["email"] = new() { Weights = { ["unmeasured"] = 0f }, ColdStartWeights = { ["unmeasured"] = 0f } },
            builder => builder
                .AddSignal(new FixedSignal("overdue", 1f), 1f, 1f, overdue)
                .AddSignal(new FixedSignal("unmeasured", 1f), 1f, 1f, unmeasured));

        var report = sdk.Readiness();
        var home = report[PersonalizationRequest.DefaultPlacement];
        var email = report["email"];

        Assert.Equal((1.0, "1: overdue"), (Figure(home, "rules past their review date").Value, Figure(home, "rules past their review date").Display));
        Assert.Equal(ReadinessStatus.AtRisk, Figure(home, "rules past their review date").Status);
        Assert.Equal("1: unmeasured", Figure(home, "rules with no metric").Display);
        Assert.Equal((0.0, ReadinessStatus.Ready), (Figure(email, "rules with no metric").Value, Figure(email, "rules with no metric").Status));
    }

    [Fact]
    public void A_rule_without_rule_info_is_never_overdue_but_is_reported_as_measuring_nothing()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal(new FixedSignal("anonymous", 1f), 1f, 1f));
        sdk.Time.Advance(TimeSpan.FromDays(365 * 50));

        var home = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];

        Assert.Equal((0.0, ReadinessStatus.Ready), (Figure(home, "rules past their review date").Value, Figure(home, "rules past their review date").Status));
        Assert.Equal("1: anonymous", Figure(home, "rules with no metric").Display);
    }

    [Fact]
    public void Each_placement_counts_its_own_decisions()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Placements["home"] = new();
            options.Placements["email"] = new();
        });

        for (var i = 0; i < 3; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"u{i}") { Placement = "home" });
        }

        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "email" });
        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "unheard-of" });

        var report = sdk.Readiness();

        Assert.Equal(["default", "email", "home"], report.Placements.Select(p => p.Placement));
        Assert.Equal([1L, 1L, 3L], report.Placements.Select(p => p.Coverage.Decisions));
    }

    [Fact]
    public void Counts_leave_the_window_as_it_rolls_on()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Readiness.Window = TimeSpan.FromHours(1);
            options.Readiness.MinimumDecisions = 2;
        });
        sdk.Rank("early");
        sdk.Time.Advance(TimeSpan.FromMinutes(30));
        sdk.Rank("later");
        Assert.Equal(2, sdk.Readiness()[PersonalizationRequest.DefaultPlacement].Coverage.Decisions);

        sdk.Time.Advance(TimeSpan.FromMinutes(35));
        var placement = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];

        Assert.Equal(1, placement.Coverage.Decisions);
        Assert.Equal(ReadinessStatus.InsufficientData, placement.Status);
        Assert.Equal(ReadinessStatus.InsufficientData, Figure(placement, "fallback rate").Status);
    }

    [Fact]
    public void Decisions_on_many_threads_are_all_counted()
    {
        const int Threads = 4, PerThread = 250;
        using var sdk = new TestSdk();
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                sdk.Rank($"user-{t}-{i % 7}");
                sdk.View($"user-{t}-{i % 7}", "books-1");
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var placement = sdk.Readiness()[PersonalizationRequest.DefaultPlacement];

        Assert.Equal(Threads * PerThread, placement.Coverage.Decisions);
        Assert.Equal(Threads * PerThread, placement.Signals.Single(s => s.Signal == BuiltInSignals.Popularity).Computations);
    }

    [Fact]
    public void The_report_reads_as_json_and_as_a_table()
    {
        using var sdk = new TestSdk(options => options.Placements["email"] = new() { AutoPause = true });
        sdk.Rank("u");
        var report = sdk.Readiness();

        using var json = JsonDocument.Parse(report.ToJson());
        var table = report.ToTable();

        var placements = json.RootElement.GetProperty("placements");
        Assert.Equal("default", placements[0].GetProperty("placement").GetString());
        Assert.Equal("insufficientData", placements[0].GetProperty("status").GetString(), ignoreCase: true);
        Assert.True(placements[1].GetProperty("autoPause").GetBoolean());
        var figure = placements[0].GetProperty("figures")[0];
        Assert.Equal("identity resolution", figure.GetProperty("name").GetString());
        Assert.Equal("Identity", figure.GetProperty("area").GetString());
        Assert.Contains("placement 'default': insufficient data, 1 decisions", table, StringComparison.Ordinal);
        Assert.Contains("placement 'email': insufficient data, 0 decisions, auto-pause on", table, StringComparison.Ordinal);
        Assert.Contains("catalog age", table, StringComparison.Ordinal);
        Assert.Contains("served: 0.0% personalized, 100.0% cold start, 0.0% control, 0.0% fallback", table, StringComparison.Ordinal);
        Assert.StartsWith("one server's view", json.RootElement.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.Contains("one server's view", table.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placement_name_is_rejected_by_name()
    {
        using var sdk = new TestSdk();

        var error = Assert.Throws<ArgumentException>(() => sdk.Readiness()["nope"]);

        Assert.Equal("placement", error.ParamName);
    }

    internal static ReadinessFigure Figure(PlacementReadiness placement, string name) => placement.Figures.Single(f => f.Name == name);

    /// <summary>Scores every candidate with one value (even candidates only when it is NaN), or throws.</summary>
    private sealed class FixedSignal(string name, float value, bool throws = false) : ISignalProvider
    {
        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            if (throws)
            {
                throw new InvalidOperationException("broken on purpose");
            }

            for (var i = 0; i < column.Length; i++)
            {
                column[i] = float.IsNaN(value) ? (i % 2 == 0 ? float.NaN : 1f) : value;
            }
        }
    }
}
