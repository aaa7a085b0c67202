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
    public void A_unit_another_holdout_keeps_in_control_is_not_counted_in_this_ones_treatment()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("a", 3_000).AddHoldout("b", 3_000));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var users = Enumerable.Range(0, 600).Select(i => $"user-{i}").ToArray();

        foreach (var user in users)
        {
            sdk.Rank(user);
        }

        foreach (var (holdout, other) in new[] { ("a", "b"), ("b", "a") })
        {
            var report = Reporter(sdk).GetReport(holdout);
            Assert.Equal(users.Count(u => InControl(holdout, u)), report.Control.ExposedUnits);
            Assert.Equal(users.Count(u => !InControl(holdout, u) && !InControl(other, u)), report.Treatment.ExposedUnits);
        }

        // Independent salts: some units are in one holdout's control and the other's treatment.
        Assert.Contains(users, u => InControl("a", u) != InControl("b", u));
        bool InControl(string name, string user) => assigner.Assign(name, user).Arm == HoldoutArm.Control;
    }

    [Fact]
    public void With_independent_and_layered_holdouts_the_sample_ratio_expects_what_the_others_hold_in_control_and_finds_no_mismatch()
    {
        // Two independent holdouts (their own salts) and two in one layer (disjoint ranges).
        using var sdk = new TestSdk(build: builder => builder
            .AddHoldout("a", 1_000)
            .AddHoldout("b", 1_500)
            .AddHoldout("c", 1_000, salt: "channels", layer: "channels")
            .AddHoldout("d", 2_000, salt: "channels", layer: "channels", bucketStart: 1_000));
        for (var i = 0; i < 20_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Count = 1 });
        }

        // b / (b + (1 - b) q), q the share of the treatment no other holdout puts in control:
        // [(1 - b - layer siblings) / (1 - b)] x product over other layers and unlayered holdouts of (1 - their shares).
        var expected = new Dictionary<string, double>
        {
            ["a"] = Expected(0.10, 1 * (1 - 0.15) * (1 - (0.10 + 0.20))),
            ["b"] = Expected(0.15, 1 * (1 - 0.10) * (1 - (0.10 + 0.20))),
            ["c"] = Expected(0.10, (1 - 0.10 - 0.20) / (1 - 0.10) * (1 - 0.10) * (1 - 0.15)),
            ["d"] = Expected(0.20, (1 - 0.20 - 0.10) / (1 - 0.20) * (1 - 0.10) * (1 - 0.15)),
        };
        foreach (var (holdout, share) in expected)
        {
            var report = Reporter(sdk).GetReport(holdout);
            Assert.Equal(share, report.SampleRatio.ExpectedControlShare, 12);
            Assert.False(report.SampleRatio.IsMismatch, report.ToTable());
        }

        static double Expected(double b, double q) => b / (b + ((1 - b) * q));
    }

    [Fact]
    public void Holdouts_outside_a_layer_that_share_a_salt_are_expected_as_the_same_buckets_not_as_independent()
    {
        // "b"'s range lies inside "a"'s, drawn from one bucket: every unit in b's control is in a's,
        // so nobody in a's treatment is held elsewhere in that group; "c" has its own salt.
        using var sdk = new TestSdk(build: builder => builder
            .AddHoldout("a", 5_000, salt: "shared")
            .AddHoldout("b", 2_000, salt: "shared")
            .AddHoldout("c", 1_000));
        for (var i = 0; i < 20_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Count = 1 });
        }

        // q for "b": of its 80% treatment, 50% of all buckets lie in neither range (0.5 / 0.8), times c's 0.9.
        var expected = new Dictionary<string, double>
        {
            ["a"] = Expected(0.5, 0.5 / 0.5 * 0.9),
            ["b"] = Expected(0.2, 0.5 / 0.8 * 0.9),
            ["c"] = Expected(0.1, 0.5),
        };
        foreach (var (holdout, share) in expected)
        {
            var report = Reporter(sdk).GetReport(holdout);
            Assert.Equal(share, report.SampleRatio.ExpectedControlShare, 12);
            Assert.InRange(report.SampleRatio.ObservedControlShare.GetValueOrDefault(), share - 0.015, share + 0.015);
            Assert.False(report.SampleRatio.IsMismatch, report.ToTable());
        }

        static double Expected(double b, double q) => b / (b + ((1 - b) * q));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_ten_percent_holdouts_find_no_sample_ratio_mismatch_in_either(bool layered)
    {
        using var sdk = new TestSdk(build: builder =>
        {
            if (layered)
            {
                builder.AddHoldout("a", 1_000, salt: "layer", layer: "l").AddHoldout("b", 1_000, salt: "layer", layer: "l", bucketStart: 1_000);
            }
            else
            {
                builder.AddHoldout("a", 1_000).AddHoldout("b", 1_000);
            }
        });
        for (var i = 0; i < 20_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Count = 1 });
        }

        // Independent: q = 0.9, expected 1 / 9.1; one layer: q = 0.8 / 0.9, expected 1 / 9.
        var expected = layered ? 0.1 / (0.1 + (0.9 * (0.8 / 0.9))) : 0.1 / (0.1 + (0.9 * 0.9));
        foreach (var holdout in new[] { "a", "b" })
        {
            var check = Reporter(sdk).GetReport(holdout).SampleRatio;
            Assert.Equal(expected, check.ExpectedControlShare, 12);
            Assert.False(check.IsMismatch);
        }
    }

    [Fact]
    public void One_holdout_expects_exactly_its_configured_share()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 1_000));
        for (var i = 0; i < 2_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Count = 1 });
        }

        var check = Reporter(sdk).GetReport(Holdout).SampleRatio;
        Assert.Equal(0.1, check.ExpectedControlShare);
        Assert.False(check.IsMismatch);
    }

    [Fact]
    public void A_unit_another_holdout_keeps_in_control_is_not_counted_in_this_ones_treatment_when_its_decision_falls_back()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("a", 5_000).AddHoldout("b", 5_000).AddGuardrail(new ThrowingGuardrail()));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var user = Enumerable.Range(0, 1_000).Select(i => $"user-{i}")
            .First(u => assigner.Assign("a", u).Arm == HoldoutArm.Control && assigner.Assign("b", u).Arm == HoldoutArm.Treatment);

        var decision = sdk.Rank(user);

        // The failure served the fallback, not b's treatment: a measures its control, b nothing.
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (decision.Variant, decision.Reason));
        Assert.Equal(new HoldoutAssignment("a", HoldoutArm.Control, assigner.Assign("a", user).Bucket, isForced: false), decision.Holdout);
        var a = Reporter(sdk).GetReport("a");
        var b = Reporter(sdk).GetReport("b");
        Assert.Equal((0L, 1L), (a.Treatment.ExposedUnits, a.Control.ExposedUnits));
        Assert.Equal((0L, 0L), (b.Treatment.ExposedUnits, b.Control.ExposedUnits));
    }

    [Fact]
    public void An_effect_too_small_for_the_control_rate_gives_no_sample_size_rather_than_an_error()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, 5_000));
        var buyer = Unit(sdk, HoldoutArm.Control);
        sdk.Rank(buyer);
        sdk.Rank(Unit(sdk, HoldoutArm.Control, skip: 1));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(buyer, "books-1", revenue: 10m));

        // At a control rate of 0.5: 1e-17 leaves the rate unchanged; 1e-9 needs more than 2^63 units.
        Assert.Null(Reporter(sdk).GetReport(Holdout, 1e-17).UnitsNeededPerArm);
        Assert.Null(Reporter(sdk).GetReport(Holdout, 1e-9).UnitsNeededPerArm);
        Assert.Equal(0.5, Reporter(sdk).GetReport(Holdout).Control.ConversionRate);
        Assert.NotNull(Reporter(sdk).GetReport(Holdout, 0.05).UnitsNeededPerArm);

        // Not a programmer's effect size: refused at once, naming it, not failing the report's JSON later.
        Assert.Throws<ArgumentException>("minimumDetectableEffect", () => Reporter(sdk).GetReport(Holdout, double.PositiveInfinity));
        Assert.Throws<ArgumentException>("minimumDetectableEffect", () => Reporter(sdk).GetReport(Holdout, double.NaN));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(0, 15)]
    [InlineData(3, 1_005)]
    public void A_growthbook_v1_range_not_on_its_steps_of_ten_expects_the_share_its_buckets_hold(int start, int basisPoints)
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints, hasher: BucketHashers.GrowthBookV1, bucketStart: start));
        var users = Enumerable.Range(0, 20_000).Select(i => $"user-{i}").ToArray();
        foreach (var user in users)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 1 });
        }

        // Only multiples of 10 occur: [0, 5) holds one of the 1,000, [0, 15) two, [3, 1008) a hundred.
        var check = Reporter(sdk).GetReport(Holdout).SampleRatio;
        var buckets = Enumerable.Range(start, basisPoints).Count(b => b % 10 == 0);
        Assert.Equal(buckets / 1_000.0, check.ExpectedControlShare, 12);
        Assert.False(check.IsMismatch);
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
    public void A_hand_made_report_writes_numbers_that_are_not_finite_as_null_in_its_json()
    {
        var arm = new ArmResult(HoldoutArm.Treatment, 10, 1, double.PositiveInfinity, double.NaN, double.NegativeInfinity);
        var estimate = new LiftEstimate(double.NaN, double.NegativeInfinity, double.PositiveInfinity, 0.25, "two-proportion z-test");
        var report = new LiftReport(Holdout, arm, arm, estimate, estimate, new SampleRatioCheck(0.5, 0.5, double.NaN, 1, false), double.NaN, null, DateTimeOffset.UnixEpoch);

        var text = report.ToJson();

        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        foreach (var (parent, name) in new[] { ("treatment", "revenue"), ("treatment", "conversionRate"), ("treatment", "revenuePerUnit"), ("conversion", "relativeLift"), ("conversion", "lower"), ("conversion", "upper"), ("sampleRatio", "chiSquare") })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(parent).GetProperty(name).ValueKind);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("minimumDetectableEffect").ValueKind);
        Assert.Equal(0.25, root.GetProperty("conversion").GetProperty("pValue").GetDouble());
        Assert.Equal(10, root.GetProperty("treatment").GetProperty("exposedUnits").GetInt64());
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
    public void A_sink_is_told_which_placement_served_each_exposure()
    {
        var sink = new PlacementSink();
        using var sdk = new TestSdk(options => options.Placements["email"] = new PlacementOptions(), builder =>
        {
            builder.AddHoldout(Holdout, 5_000);
            builder.Services.AddSingleton<IExposureSink>(sink);
        });

        sdk.Personalizer.Rank(new PersonalizationRequest("shopper") { Placement = "email", Count = 3 });
        sdk.Rank("shopper", count: 3);

        Assert.Equal(["email", PersonalizationRequest.DefaultPlacement], sink.Placements);
        Assert.Null(new Exposure(Guid.NewGuid(), "unit", new HoldoutAssignment(Holdout, HoldoutArm.Control, 1, isForced: false), DecisionVariant.Control, [], DateTimeOffset.UnixEpoch).Placement);
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

    private sealed class ThrowingGuardrail : IGuardrail
    {
        public string Name => "throwing";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible) => throw new InvalidOperationException("broken");

        public string Explain(in DecisionContext context, int itemIndex) => "never";
    }

    private sealed class RecordingSink : IExposureSink
    {
        public List<(Guid DecisionId, string Holdout, HoldoutArm Arm, RankedItem[] Items)> Exposures { get; } = [];

        public List<Outcome> Outcomes { get; } = [];

        public void RecordExposure(in Exposure exposure) => Exposures.Add((exposure.DecisionId, exposure.Holdout, exposure.Arm, exposure.Items.ToArray()));

        public void RecordOutcome(in Outcome outcome) => Outcomes.Add(outcome);
    }

    private sealed class PlacementSink : IExposureSink
    {
        public List<string?> Placements { get; } = [];

        public void RecordExposure(in Exposure exposure) => Placements.Add(exposure.Placement);

        public void RecordOutcome(in Outcome outcome)
        {
        }
    }

    private sealed class ThrowingSink : IExposureSink
    {
        public void RecordExposure(in Exposure exposure) => throw new InvalidOperationException("analytics is down");

        public void RecordOutcome(in Outcome outcome) => throw new InvalidOperationException("analytics is down");
    }
}
