using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Readiness;

public sealed class AutoPauseTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_placement_that_opts_in_pauses_when_too_many_decisions_fall_back_and_warns_once()
    {
        var flaky = new FlakySignal { Broken = true };
        var logs = new FakeLogCollector();
        using var sdk = FlakySdk(flaky, logs);
        using var pauses = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placement.pauses");

        var before = Decide(sdk, 20);
        sdk.Time.Advance(Step);
        var paused = Decide(sdk, 20);

        Assert.All(before, d => Assert.Equal((DecisionVariant.Fallback, DecisionReason.SignalsFailed), (d.Variant, d.Reason)));
        Assert.All(paused, d => Assert.Equal((DecisionVariant.Fallback, DecisionReason.Paused), (d.Variant, d.Reason)));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("paused personalization", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("100.0% of 20 decisions fell back", warning.Message, StringComparison.Ordinal);
        var pause = Assert.Single(pauses.GetMeasurementSnapshot());
        Assert.Equal(("home", "fallback_rate"), (pause.Tags["placement"], pause.Tags["cause"]));
        var readiness = sdk.Readiness()["home"];
        Assert.True(readiness.IsPaused);
        Assert.Equal(TestSdk.Start + Step, readiness.PausedSince);
        Assert.Contains("fell back", readiness.PauseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paused_placement_resumes_by_itself_once_the_window_has_recovered_without_flapping()
    {
        var flaky = new FlakySignal { Broken = true };
        var logs = new FakeLogCollector();
        using var sdk = FlakySdk(flaky, logs);
        Decide(sdk, 20);
        sdk.Time.Advance(Step);
        Assert.Equal(DecisionReason.Paused, Decide(sdk, 1)[0].Reason);

        // Fixed, but the window still remembers the 21 failures: 21 of 67 decisions (31%) at the first
        // check, down to 21 of 435 (4.8%) at the last. Each is above the 2% it resumes at, and the
        // last is below the 5% it paused at: hysteresis, not flapping.
        flaky.Broken = false;
        var reasons = new List<DecisionReason>();
        for (var minute = 0; minute < 10; minute++)
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(5));
            reasons.AddRange(Decide(sdk, 46).Select(d => d.Reason));
        }

        Assert.All(reasons, reason => Assert.Equal(DecisionReason.Paused, reason));

        // An hour after the failures they have left the window: it resumes, with no second warning.
        sdk.Time.Advance(TimeSpan.FromMinutes(15));
        Decide(sdk, 1);
        sdk.Time.Advance(Step);
        var resumed = Decide(sdk, 1)[0];

        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoHistory), (resumed.Variant, resumed.Reason));
        Assert.False(sdk.Readiness()["home"].IsPaused);
        Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("paused personalization", StringComparison.Ordinal));
        Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("resumed personalization", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fallback_pause_ends_once_the_window_is_clean_even_with_fewer_than_the_minimum_decisions()
    {
        var flaky = new FlakySignal { Broken = true };
        var logs = new FakeLogCollector();
        using var sdk = FlakySdk(flaky, logs);
        Decide(sdk, 20);
        sdk.Time.Advance(Step);
        Assert.Equal(DecisionReason.Paused, Decide(sdk, 1)[0].Reason);

        // Quiet and still broken: the few decisions in the window (fewer than MinimumDecisions, 20) all fall back.
        sdk.Time.Advance(TimeSpan.FromHours(2));
        Quietly(sdk, 5);
        Assert.True(sdk.Readiness()["home"].IsPaused);

        // Quiet and fixed: once the window holds only clean decisions, however few, it resumes.
        flaky.Broken = false;
        sdk.Time.Advance(TimeSpan.FromHours(2));
        var last = Quietly(sdk, 10);

        var readiness = sdk.Readiness()["home"];
        Assert.Equal(0.0, readiness.Coverage.FallbackRate);
        Assert.False(readiness.IsPaused, $"still paused after {readiness.Coverage.Decisions} clean decisions: {readiness.PauseReason}");
        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoHistory), (last.Variant, last.Reason));
        Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("resumed personalization", StringComparison.Ordinal));
    }

    [Fact]
    public void While_paused_the_placement_serves_the_default_experience_and_keeps_measuring_its_signals_in_shadow()
    {
        var flaky = new FlakySignal { Broken = true };
        using var sdk = FlakySdk(flaky, new FakeLogCollector(), personalizedOnly: true);
        sdk.View("regular", "kitchen-1", "kitchen-2", "kitchen-3", "kitchen-4", "kitchen-1");
        Decide(sdk, 20, "regular");
        sdk.Time.Advance(Step);
        flaky.Broken = false;
        var computedBefore = Health(sdk, "flaky").Computations;

        // Three: by default a list holds at most three of one category (MaxPerCategory).
        var paused = sdk.Personalizer.Rank(new PersonalizationRequest("regular") { Placement = "home", Count = 3, Explain = true });

        // Served: the default experience (popularity: what "regular" viewed). The flaky signal
        // would have ranked the catalog's first items first; it ran in shadow, and healthily.
        Assert.Equal(DecisionReason.Paused, paused.Reason);
        Assert.Equal("kitchen-1", paused.Items[0].ItemKey);
        Assert.All(paused.Items, item => Assert.StartsWith("kitchen", item.ItemKey, StringComparison.Ordinal));
        Assert.Contains("paused", paused.Explanation!.Summary, StringComparison.Ordinal);
        Assert.Equal(computedBefore + 1, Health(sdk, "flaky").Computations);
        var coverage = sdk.Readiness()["home"].Coverage;
        Assert.Equal((0.0, 1.0), (coverage.Personalized, coverage.Fallback));
        Assert.Equal(20.0 / 21, coverage.FallbackRate, 9);
    }

    [Fact]
    public void While_paused_the_placement_serves_the_default_experience_though_its_own_signals_still_fail()
    {
        var flaky = new FlakySignal { Broken = true };
        using var sdk = FlakySdk(flaky, new FakeLogCollector(), personalizedOnly: true);
        sdk.View("regular", "kitchen-1", "kitchen-2", "kitchen-3", "kitchen-4", "kitchen-1");
        Decide(sdk, 20, "regular");
        sdk.Time.Advance(Step);

        var paused = sdk.Personalizer.Rank(new PersonalizationRequest("regular") { Placement = "home", Count = 3, Explain = true });
        var fallbackRate = sdk.Readiness()["home"].Coverage.FallbackRate;
        var coldStart = sdk.Personalizer.Rank(new PersonalizationRequest("newcomer") { Placement = "home", Count = 3 });

        // The flaky signal failed again in shadow, which readiness counts; what was served is the
        // cold-start ranking (popularity: what "regular" viewed), not the candidates' own order.
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.Paused), (paused.Variant, paused.Reason));
        Assert.Equal(coldStart.Items.Select(i => i.ItemKey), paused.Items.Select(i => i.ItemKey));
        Assert.Equal("kitchen-1", paused.Items[0].ItemKey);
        Assert.All(paused.Items, item => Assert.True(item.Score > 0f, item.ItemKey));
        Assert.Contains("paused", paused.Explanation!.Summary, StringComparison.Ordinal);
        Assert.Equal(1.0, fallbackRate);
    }

    [Fact]
    public void While_paused_a_guardrail_that_throws_still_serves_what_the_others_allowed_in_their_own_order()
    {
        using var sdk = new TestSdk(
            options => options.Placements["home"] = new() { AutoPause = true },
            builder => builder.AddGuardrail(new ThrowingGuardrail()));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "hiking-1"));
        sdk.Time.Advance(TimeSpan.FromDays(8));

        var paused = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home", Count = 3 });

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.Paused), (paused.Variant, paused.Reason));
        Assert.Equal(["hiking-2", "hiking-3", "hiking-4"], paused.Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void A_quiet_placement_paused_for_its_catalog_resumes_on_reload_though_one_of_its_few_decisions_fell_back()
    {
        var flaky = new FlakySignal();
        using var sdk = FlakySdk(flaky, new FakeLogCollector());
        sdk.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(DecisionReason.Paused, Decide(sdk, 1)[0].Reason);

        // Three decisions, one of which falls back: 33%, but far fewer than MinimumDecisions (20),
        // so a rate that could never have paused the placement does not hold it paused either.
        flaky.Broken = true;
        Quietly(sdk, 1);
        flaky.Broken = false;
        Quietly(sdk, 2);
        sdk.Catalog.Replace(TestCatalog.Items);
        sdk.Time.Advance(TimeSpan.FromMinutes(1)); // past MinimumPause, the fallback still in the window
        var reloaded = Decide(sdk, 1)[0];

        Assert.NotEqual(DecisionReason.Paused, reloaded.Reason);
        Assert.False(sdk.Readiness()["home"].IsPaused);
    }

    [Fact]
    public void A_placement_pauses_when_its_catalog_is_too_old_and_resumes_when_it_is_reloaded()
    {
        using var sdk = new TestSdk(options => options.Placements["home"] = new() { AutoPause = true });
        sdk.Rank("u");
        sdk.Time.Advance(TimeSpan.FromDays(8));

        var stale = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });
        var reason = sdk.Readiness()["home"].PauseReason;
        var elsewhere = sdk.Personalizer.Rank(new PersonalizationRequest("u"));
        sdk.Catalog.Replace(TestCatalog.Items);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var reloaded = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });

        Assert.Equal(DecisionReason.Paused, stale.Reason);
        Assert.Equal("the catalog is 8 d old, past its limit of 7 d", reason);
        Assert.Equal(DecisionReason.NoHistory, elsewhere.Reason);
        Assert.Equal(DecisionReason.NoHistory, reloaded.Reason);
    }

    [Fact]
    public void A_host_that_loads_its_catalog_after_start_is_not_paused_for_the_empty_catalog()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(
            options => options.Placements["home"] = new() { AutoPause = true },
            builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))),
            catalog: []);
        using var pauses = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placement.pauses");

        var empty = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });
        var report = ReadinessReportTests.Figure(sdk.Readiness()["home"], "catalog age");
        sdk.Catalog.Replace(TestCatalog.Items);
        sdk.Time.Advance(Step + TimeSpan.FromSeconds(1));
        var loaded = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });

        // Empty, it falls back as any placement would; the report still calls the catalog not ready.
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.NoKnownCandidates), (empty.Variant, empty.Reason));
        Assert.Equal(ReadinessStatus.NotReady, report.Status);
        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoHistory), (loaded.Variant, loaded.Reason));
        Assert.Empty(pauses.GetMeasurementSnapshot());
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Message.Contains("paused personalization", StringComparison.Ordinal));
        Assert.False(sdk.Readiness()["home"].IsPaused);
    }

    [Fact]
    public void A_catalog_that_stays_empty_pauses_the_placement_for_its_fallback_rate()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Readiness.MinimumDecisions = 20;
                options.Placements["home"] = new() { AutoPause = true };
            },
            catalog: []);
        using var pauses = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placement.pauses");

        Decide(sdk, 20);
        sdk.Time.Advance(Step);
        var paused = Decide(sdk, 1)[0];

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.Paused), (paused.Variant, paused.Reason));
        Assert.Equal("fallback_rate", Assert.Single(pauses.GetMeasurementSnapshot()).Tags["cause"]);
    }

    [Fact]
    public void A_placement_that_does_not_opt_in_never_pauses_though_it_is_not_ready()
    {
        var flaky = new FlakySignal { Broken = true };
        using var sdk = FlakySdk(flaky, new FakeLogCollector(), autoPause: false);
        Decide(sdk, 20);
        sdk.Time.Advance(Step);

        var decision = Decide(sdk, 1)[0];

        Assert.Equal(DecisionReason.SignalsFailed, decision.Reason);
        Assert.Equal(ReadinessStatus.NotReady, sdk.Readiness()["home"].Status);
        Assert.False(sdk.Readiness()["home"].AutoPause);
    }

    [Fact]
    public void The_paused_gauge_reads_one_while_paused()
    {
        var flaky = new FlakySignal { Broken = true };
        using var sdk = FlakySdk(flaky, new FakeLogCollector());
        using var gauge = new MetricCollector<int>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placement.paused");
        gauge.RecordObservableInstruments();
        var before = gauge.LastMeasurement!.Value;

        Decide(sdk, 20);
        sdk.Time.Advance(Step);
        Decide(sdk, 1);
        gauge.RecordObservableInstruments();

        Assert.Equal((0, 1), (before, gauge.LastMeasurement!.Value));
        Assert.Equal("home", gauge.LastMeasurement.Tags["placement"]);
    }

    [Fact]
    public void Paused_decisions_are_not_measured_as_exposures()
    {
        var flaky = new FlakySignal { Broken = true };
        using var sdk = FlakySdk(flaky, new FakeLogCollector(), holdout: true);
        Decide(sdk, 20);
        var exposedBefore = Exposed(sdk);
        sdk.Time.Advance(Step);

        Decide(sdk, 20);

        Assert.Equal(20, exposedBefore);
        Assert.Equal(exposedBefore, Exposed(sdk));
    }

    private static long Exposed(TestSdk sdk)
    {
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("lift");
        return report.Treatment.ExposedUnits + report.Control.ExposedUnits;
    }

    /// <summary>One decision per pause check, <paramref name="count"/> times; returns the last.</summary>
    private static Decision Quietly(TestSdk sdk, int count)
    {
        Decision? last = null;
        for (var i = 0; i < count; i++)
        {
            sdk.Time.Advance(Step + TimeSpan.FromSeconds(1));
            last = Decide(sdk, 1)[0];
        }

        return last!;
    }

    private static SignalHealth Health(TestSdk sdk, string signal) => sdk.Readiness()["home"].Signals.Single(s => s.Signal == signal);

    private static List<Decision> Decide(TestSdk sdk, int count, string? user = null) =>
        [.. Enumerable.Range(0, count).Select(i => sdk.Personalizer.Rank(new PersonalizationRequest(user ?? $"visitor-{Guid.NewGuid():N}") { Placement = "home", Count = 4 }))];

    /// <summary>"home" weighs only the flaky signal (for everyone, or only for users with history), and pauses unless told not to.</summary>
    private static TestSdk FlakySdk(FlakySignal flaky, FakeLogCollector logs, bool autoPause = true, bool personalizedOnly = false, bool holdout = false) => new(
        options =>
        {
            options.Readiness.MinimumDecisions = 20;
            // Repeated decisions for one user would otherwise cap every item they were shown.
            var home = new PlacementOptions { AutoPause = autoPause, DisabledGuardrails = { BuiltInGuardrails.FrequencyCap } };
            foreach (var signal in BuiltInSignals.All)
            {
                home.Weights[signal] = 0f;
                home.ColdStartWeights[signal] = signal == BuiltInSignals.Popularity && personalizedOnly ? 1f : 0f;
            }

            home.ColdStartWeights["flaky"] = personalizedOnly ? 0f : 1f;
            options.Placements["home"] = home;
        },
        builder =>
        {
            builder.AddSignal(flaky, 1f, 1f);
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
            if (holdout)
            {
                builder.AddHoldout("lift", 5_000);
            }
        });

    private sealed class ThrowingGuardrail : IGuardrail
    {
        public string Name => "throwing";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible) =>
            throw new InvalidOperationException("down on purpose");

        public string Explain(in DecisionContext context, int itemIndex) => "Never explains.";
    }
}
