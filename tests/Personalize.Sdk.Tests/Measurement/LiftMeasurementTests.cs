using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Measurement;

public sealed class LiftMeasurementTests
{
    private const string Holdout = "home";

    [Fact]
    public void Every_exposed_unit_is_counted_once_in_its_arm()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 3_000));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var users = Enumerable.Range(0, 400).Select(i => $"user-{i}").ToArray();

        foreach (var user in users.Concat(users))
        {
            sdk.Rank(user);
        }

        var report = Reporter(sdk).GetReport(Holdout);
        var control = users.Count(u => assigner.Assign(Holdout, u).Arm == HoldoutArm.Control);
        Assert.Equal(control, report.Control.ExposedUnits);
        Assert.Equal(users.Length - control, report.Treatment.ExposedUnits);
    }

    [Fact]
    public void Purchases_are_attributed_to_the_arm_within_the_window_only()
    {
        using var sdk = new TestSdk(options => options.AttributionWindow = TimeSpan.FromDays(2), builder => builder.AddHoldout(Holdout, 5_000));
        var treated = Unit(sdk, HoldoutArm.Treatment);
        var late = Unit(sdk, HoldoutArm.Treatment, skip: 1);
        var unexposed = Unit(sdk, HoldoutArm.Treatment, skip: 2);

        sdk.Rank(treated);
        sdk.Rank(late);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(treated, "books-1", revenue: 30m));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(treated, "books-2", revenue: 10m));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(unexposed, "books-3", revenue: 99m));
        sdk.Time.Advance(TimeSpan.FromDays(3));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(late, "books-1", revenue: 50m));

        var treatment = Reporter(sdk).GetReport(Holdout).Treatment;
        Assert.Equal((2L, 1L, 40.0), (treatment.ExposedUnits, treatment.ConvertedUnits, treatment.Revenue));
        Assert.Equal(0.5, treatment.ConversionRate);
        Assert.Equal(20.0, treatment.RevenuePerUnit);
    }

    [Fact]
    public void Forced_arms_and_kill_switch_fallbacks_are_never_measured()
    {
        using var sdk = new TestSdk(options => options.KillSwitch = true, builder => builder.AddHoldout(Holdout, 5_000));
        using var forced = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));

        sdk.Rank("someone");
        forced.Personalizer.Rank(new PersonalizationRequest("someone") { ForceArm = HoldoutArm.Control });

        Assert.Equal(0, Reporter(sdk).GetReport(Holdout).Control.ExposedUnits + Reporter(sdk).GetReport(Holdout).Treatment.ExposedUnits);
        Assert.Equal(0, Reporter(forced).GetReport(Holdout).Control.ExposedUnits + Reporter(forced).GetReport(Holdout).Treatment.ExposedUnits);
    }

    [Fact]
    public void A_decision_that_shows_nothing_is_not_an_exposure()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));

        sdk.Personalizer.Rank(new PersonalizationRequest("someone") { Count = 0 });

        var report = Reporter(sdk).GetReport(Holdout);
        Assert.Equal(0, report.Control.ExposedUnits + report.Treatment.ExposedUnits);
    }

    [Fact]
    public void A_custom_sink_receives_exposures_and_outcomes_and_a_throwing_one_never_surfaces()
    {
        var sink = new RecordingSink();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddHoldout(Holdout, 5_000);
            builder.Services.AddSingleton<IExposureSink>(sink);
            builder.Services.AddSingleton<IExposureSink>(new ThrowingSink());
        });

        var decision = sdk.Rank("shopper", count: 3);
        sdk.Personalizer.Track(PersonalizationEvent.Click("shopper", decision.Items[0].ItemKey));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("shopper", decision.Items[0].ItemKey, revenue: 12m));

        var exposure = Assert.Single(sink.Exposures);
        Assert.Equal((decision.Id, Holdout, decision.Holdout!.Value.Arm, 3), (exposure.DecisionId, exposure.Holdout, exposure.Arm, exposure.Items.Length));
        Assert.Equal([EventKind.Click, EventKind.Purchase], sink.Outcomes.Select(o => o.Kind));
        Assert.Equal(12m, sink.Outcomes[1].Revenue);
    }

    [Fact]
    public void The_report_reads_as_json_and_as_a_table()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));
        for (var i = 0; i < 200; i++)
        {
            sdk.Rank($"user-{i}");
            if (i % 5 == 0)
            {
                sdk.Personalizer.Track(PersonalizationEvent.Purchase($"user-{i}", "books-1", revenue: 10m + i));
            }
        }

        var report = Reporter(sdk).GetReport(Holdout, minimumDetectableEffect: 0.1);

        using var json = JsonDocument.Parse(report.ToJson());
        Assert.Equal(Holdout, json.RootElement.GetProperty("holdout").GetString());
        Assert.Equal(report.Treatment.ExposedUnits, json.RootElement.GetProperty("treatment").GetProperty("exposedUnits").GetInt64());
        Assert.Equal("two-proportion z-test", json.RootElement.GetProperty("conversion").GetProperty("test").GetString());
        var table = report.ToTable();
        Assert.Contains("Treatment", table, StringComparison.Ordinal);
        Assert.Contains("conversion lift", table, StringComparison.Ordinal);
        Assert.Contains("units per arm to detect a 10% lift", table, StringComparison.Ordinal);
        Assert.NotNull(report.UnitsNeededPerArm);
    }

    [Fact]
    public void Empty_arms_and_no_conversions_give_undefined_numbers_not_errors()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));

        var empty = Reporter(sdk).GetReport(Holdout);
        Assert.Null(empty.Conversion.RelativeLift);
        Assert.Null(empty.Conversion.PValue);
        Assert.Null(empty.Treatment.ConversionRate);
        Assert.Null(empty.UnitsNeededPerArm);

        for (var i = 0; i < 100; i++)
        {
            sdk.Rank($"user-{i}");
        }

        var flat = Reporter(sdk).GetReport(Holdout);
        Assert.Equal(0.0, flat.Treatment.ConversionRate);
        Assert.Null(flat.Conversion.RelativeLift);
        Assert.DoesNotContain("NaN", flat.ToJson(), StringComparison.Ordinal);
        Assert.Contains("n/a", flat.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Units_needed_are_null_when_the_control_or_its_raised_rate_reaches_one()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));
        var buyer = Unit(sdk, HoldoutArm.Control);
        sdk.Rank(buyer);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(buyer, "books-1", revenue: 5m));

        // Every control unit converted: a rate of 1 leaves no lift to size for.
        Assert.Null(Reporter(sdk).GetReport(Holdout).UnitsNeededPerArm);

        sdk.Rank(Unit(sdk, HoldoutArm.Control, skip: 1));

        // A rate of 0.5: a 100% lift would reach 1, a 50% one would not.
        Assert.Null(Reporter(sdk).GetReport(Holdout, minimumDetectableEffect: 1.0).UnitsNeededPerArm);
        Assert.NotNull(Reporter(sdk).GetReport(Holdout, minimumDetectableEffect: 0.5).UnitsNeededPerArm);
    }

    [Fact]
    public void A_sink_receives_exposures_the_full_ledger_does_not_measure_but_no_outcome_of_them()
    {
        var sink = new RecordingSink();
        using var sdk = new TestSdk(options => options.MaxMeasuredUnits = 1, builder =>
        {
            builder.AddHoldout(Holdout, 5_000);
            builder.Services.AddSingleton<IExposureSink>(sink);
        });
        var measured = Unit(sdk, HoldoutArm.Treatment);
        var unmeasured = Unit(sdk, HoldoutArm.Treatment, skip: 1);

        sdk.Rank(measured);
        var refused = sdk.Rank(unmeasured);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(unmeasured, "books-1", revenue: 5m));

        Assert.Equal(1, Reporter(sdk).GetReport(Holdout).Treatment.ExposedUnits);
        Assert.Equal(2, sink.Exposures.Count);
        Assert.Equal(refused.Id, sink.Exposures[1].DecisionId);
        Assert.Empty(sink.Outcomes);
    }

    [Fact]
    public void Report_arguments_are_checked()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));

        Assert.Throws<ArgumentException>("holdout", () => Reporter(sdk).GetReport("nope"));
        Assert.Throws<ArgumentException>("minimumDetectableEffect", () => Reporter(sdk).GetReport(Holdout, 0));
        Assert.Single(Reporter(sdk).GetReports());
    }

    private static ILiftReporter Reporter(TestSdk sdk) => sdk.Services.GetRequiredService<ILiftReporter>();

    private static string Unit(TestSdk sdk, HoldoutArm arm, int skip = 0)
    {
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        return Enumerable.Range(0, 1_000).Select(i => $"unit-{i}").Where(u => assigner.Assign(Holdout, u).Arm == arm).Skip(skip).First();
    }

    private sealed class RecordingSink : IExposureSink
    {
        public List<(Guid DecisionId, string Holdout, HoldoutArm Arm, RankedItem[] Items)> Exposures { get; } = [];

        public List<Outcome> Outcomes { get; } = [];

        public void RecordExposure(in Exposure exposure) => Exposures.Add((exposure.DecisionId, exposure.Holdout, exposure.Arm, exposure.Items.ToArray()));

        public void RecordOutcome(in Outcome outcome) => Outcomes.Add(outcome);
    }

    private sealed class ThrowingSink : IExposureSink
    {
        public void RecordExposure(in Exposure exposure) => throw new InvalidOperationException("analytics is down");

        public void RecordOutcome(in Outcome outcome) => throw new InvalidOperationException("analytics is down");
    }
}
