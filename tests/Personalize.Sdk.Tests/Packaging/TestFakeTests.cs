using System.Text.Json;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// A host tests its own pages with fakes of the SDK's interfaces: every result they return can be
/// built by hand through public constructors, and reads back exactly as built.
/// </summary>
public sealed class TestFakeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fake_personalizer_returns_a_hand_made_decision_to_the_code_under_test()
    {
        var info = new DecisionInfo(
            Guid.Parse("0193a1b2-0000-7000-8000-000000000001"),
            DecisionVariant.Personalized,
            At,
            new HoldoutAssignment("site", HoldoutArm.Treatment, 4711, isForced: false),
            DecisionReason.Profile,
            "home");
        var explanation = new DecisionExplanation(
            "Personalized from 3 events.",
            [
                new ItemExplanation("tent", 1.5f, [new SignalContribution("category-affinity", 1f, 1f), new SignalContribution("popularity", 1f, 0.5f)], "Because you viewed Hiking boots"),
                new ItemExplanation("kettle", 0.5f, [new SignalContribution("popularity", 1f, 0.5f)], "Popular right now"),
            ],
            [new CandidateRemoval("boots", "recently-purchased", "The user bought this item today.")]);
        var fake = new FakePersonalizer(new Decision(info, [new RankedItem("tent", 1.5f), new RankedItem("kettle", 0.5f)], explanation));

        var shelf = RecommendationShelf(fake, "visitor-42");

        Assert.Equal(["tent: Because you viewed Hiking boots", "kettle: Popular right now"], shelf);
        var decision = fake.Rank(new PersonalizationRequest("visitor-42"));
        Assert.Equal(info.Id, decision.Id);
        Assert.Equal((DecisionVariant.Personalized, DecisionReason.Profile, "home", At), (decision.Variant, decision.Reason, decision.Placement, decision.Timestamp));
        Assert.Equal(new HoldoutAssignment("site", HoldoutArm.Treatment, 4711, isForced: false), decision.Holdout);
        Assert.Equal(1.5f, decision.Explanation!.Items[0].Contributions.Sum(c => c.Contribution));
        Assert.Equal(new CandidateRemoval("boots", "recently-purchased", "The user bought this item today."), Assert.Single(decision.Explanation.Removed));
    }

    [Fact]
    public void A_fake_personalizer_can_serve_the_allocation_free_overload_from_the_same_hand_made_decision()
    {
        var info = new DecisionInfo(Guid.NewGuid(), DecisionVariant.ColdStart, At, null, DecisionReason.NoHistory, "default");
        var fake = new FakePersonalizer(new Decision(info, [new RankedItem("tent", 1f), new RankedItem("kettle", 0.5f)]));
        var destination = new RankedItem[1];

        var written = fake.Rank(new PersonalizationRequest("visitor-42"), destination, out var served);

        Assert.Equal(1, written);
        Assert.Equal(new RankedItem("tent", 1f), destination[0]);
        Assert.Equal(info, served);
    }

    [Fact]
    public void A_hand_made_decision_copies_its_items_and_needs_a_placement()
    {
        var items = new[] { new RankedItem("tent", 1f) };
        var info = new DecisionInfo(Guid.NewGuid(), DecisionVariant.Fallback, At, null, DecisionReason.SignalsFailed, "default");
        var decision = new Decision(info, items);
        items[0] = new RankedItem("changed", 0f);

        Assert.Equal(new RankedItem("tent", 1f), Assert.Single(decision.Items));
        Assert.Null(decision.Explanation);
        Assert.Throws<ArgumentNullException>("items", () => new Decision(info, null!));
        Assert.Throws<ArgumentNullException>("info", () => new Decision(default, items));
        Assert.Throws<ArgumentException>("info", () => new Decision(new DecisionInfo(Guid.NewGuid(), DecisionVariant.Fallback, At, null, DecisionReason.SignalsFailed, ""), items));
    }

    [Fact]
    public void A_hand_made_decision_refuses_a_default_ranked_item_naming_the_items()
    {
        var info = new DecisionInfo(Guid.NewGuid(), DecisionVariant.Fallback, At, null, DecisionReason.SignalsFailed, "default");

        var refused = Assert.Throws<ArgumentException>("items", () => new Decision(info, [new RankedItem("tent", 1f), default]));

        Assert.Contains("item at 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fake_lift_reporter_returns_a_hand_made_report_that_renders_like_a_real_one()
    {
        var report = new LiftReport(
            "site",
            new ArmResult(HoldoutArm.Treatment, exposedUnits: 900, convertedUnits: 90, revenue: 4_500, conversionRate: 0.1, revenuePerUnit: 5),
            new ArmResult(HoldoutArm.Control, exposedUnits: 100, convertedUnits: 8, revenue: 400, conversionRate: 0.08, revenuePerUnit: 4),
            new LiftEstimate(relativeLift: 0.25, lower: -0.4, upper: 1.6, pValue: 0.49, test: "two-proportion z-test"),
            new LiftEstimate(relativeLift: 0.25, lower: null, upper: null, pValue: null, test: "Welch's t-test"),
            new SampleRatioCheck(expectedControlShare: 0.1, observedControlShare: 0.1, chiSquare: 0, pValue: 1, isMismatch: false),
            minimumDetectableEffect: 0.05,
            unitsNeededPerArm: 74_000,
            generatedAt: At);
        ILiftReporter reporter = new FakeLiftReporter(report);

        var shown = reporter.GetReport("site");

        Assert.Same(report, shown);
        Assert.Equal(["site"], reporter.GetReports().Select(r => r.Holdout));
        Assert.False(shown.Conversion.IsSignificant);
        Assert.Contains("conversion lift   +25.0% (95% CI -40.00% to 160.00%), p = 0.4900 [two-proportion z-test]", shown.ToTable(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(shown.ToJson());
        Assert.Equal(90, json.RootElement.GetProperty("treatment").GetProperty("convertedUnits").GetInt64());
        Assert.Equal("Control", json.RootElement.GetProperty("control").GetProperty("arm").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("revenuePerUnit").GetProperty("lower").ValueKind);
        Assert.Equal(74_000, json.RootElement.GetProperty("unitsNeededPerArm").GetInt64());

        // A hand-made report may hold what a real one never does: it still renders.
        var odd = new LiftReport("site", report.Treatment, report.Control, new LiftEstimate(double.NaN, double.NegativeInfinity, double.PositiveInfinity, double.NaN, "two-proportion z-test"), report.RevenuePerUnit, report.SampleRatio, 0.05, null, At);
        using var oddJson = JsonDocument.Parse(odd.ToJson());
        Assert.Equal(JsonValueKind.Null, oddJson.RootElement.GetProperty("conversion").GetProperty("relativeLift").ValueKind);
    }

    [Fact]
    public void A_hand_made_lift_report_refuses_a_missing_part()
    {
        var arm = new ArmResult(HoldoutArm.Control, 0, 0, 0, null, null);
        var estimate = new LiftEstimate(null, null, null, null, "two-proportion z-test");
        var ratio = new SampleRatioCheck(0.1, null, null, null, false);

        Assert.Throws<ArgumentNullException>("treatment", () => new LiftReport("site", null!, arm, estimate, estimate, ratio, 0.05, null, At));
    }

    [Fact]
    public void A_host_s_own_exposure_sink_can_be_fed_hand_made_exposures_and_outcomes()
    {
        var sink = new LineSink();
        var decisionId = Guid.Parse("0193a1b2-0000-7000-8000-000000000002");
        RankedItem[] shown = [new RankedItem("tent", 1f), new RankedItem("kettle", 0.5f)];

        sink.RecordExposure(new Exposure(decisionId, "unit-1", new HoldoutAssignment("site", HoldoutArm.Control, 42, false), DecisionVariant.Control, shown, At));
        sink.RecordOutcome(new Outcome("unit-1", "site", HoldoutArm.Control, EventKind.Purchase, "tent", 49.5m, At.AddMinutes(5)));

        Assert.Equal([$"{decisionId} site/Control#42 Control: tent,kettle", "site/Control Purchase tent 49.5"], sink.Lines);
    }

    [Fact]
    public async Task A_fake_that_implements_only_the_synchronous_access_report_answers_the_asynchronous_one_too()
    {
        IPersonalizer fake = new FakePersonalizer(new Decision(new DecisionInfo(Guid.NewGuid(), DecisionVariant.Personalized, At, null, DecisionReason.Profile, "home"), [], null));

        var data = await fake.GetPersonalDataAsync("visitor-42");

        Assert.Equal(("visitor-42", At, ConsentFlags.Personalization), (data.UserKey, data.GeneratedAt, data.Consent));
    }

    /// <summary>What a host's page does with a decision: one line per recommendation, with its reason.</summary>
    private static string[] RecommendationShelf(IPersonalizer personalizer, string visitor)
    {
        var decision = personalizer.Rank(new PersonalizationRequest(visitor) { Explain = true });
        return [.. decision.Items.Select((item, i) => $"{item.ItemKey}: {decision.Explanation?.Items[i].Reason}")];
    }

    private sealed class FakePersonalizer(Decision decision) : IPersonalizer
    {
        public Decision Rank(in PersonalizationRequest request) => decision;

        public int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info)
        {
            info = new DecisionInfo(decision.Id, decision.Variant, decision.Timestamp, decision.Holdout, decision.Reason, decision.Placement);
            var count = Math.Min(destination.Length, decision.Items.Count);
            for (var i = 0; i < count; i++)
            {
                destination[i] = decision.Items[i];
            }

            return count;
        }

        public void Track(in PersonalizationEvent personalizationEvent) => throw new NotSupportedException();

        public bool Reward(Guid decisionId, double reward) => throw new NotSupportedException();

        public bool Reward(Guid decisionId, string itemKey, double reward) => throw new NotSupportedException();

        public IdentifyResult Identify(string anonymousKey, string knownKey) => throw new NotSupportedException();

        public bool Forget(string userKey) => throw new NotSupportedException();

        public HoldoutAssignment GetHoldoutAssignment(string userKey, string holdout) => decision.Holdout ?? throw new NotSupportedException();

        public ConsentFlags GetConsent(string userKey) => ConsentFlags.Personalization;

        public PersonalData GetPersonalData(string userKey) => new() { UserKey = userKey, GeneratedAt = At, Consent = GetConsent(userKey) };
    }

    private sealed class FakeLiftReporter(LiftReport report) : ILiftReporter
    {
        public LiftReport GetReport(string holdout, double minimumDetectableEffect = 0.05) => report;

        public IReadOnlyList<LiftReport> GetReports() => [report];
    }

    /// <summary>A host's sink that writes a line per call, as one writing to its own store would.</summary>
    private sealed class LineSink : IExposureSink
    {
        public List<string> Lines { get; } = [];

        public void RecordExposure(in Exposure exposure)
        {
            var keys = new List<string>();
            foreach (var item in exposure.Items)
            {
                keys.Add(item.ItemKey);
            }

            Lines.Add($"{exposure.DecisionId} {exposure.Holdout}/{exposure.Arm}#{exposure.Bucket} {exposure.Variant}: {string.Join(',', keys)}");
        }

        public void RecordOutcome(in Outcome outcome) =>
            Lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{outcome.Holdout}/{outcome.Arm} {outcome.Kind} {outcome.ItemKey} {outcome.Revenue}"));
    }
}
