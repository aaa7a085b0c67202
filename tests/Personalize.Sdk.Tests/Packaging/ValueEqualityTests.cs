using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// The results that were records keep comparing by value: equal when every property is, different
/// when one property differs, with == and != agreeing with Equals and equal values hashing alike.
/// </summary>
public sealed class ValueEqualityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<object, object, object> Cases() => new()
    {
        { new RankedItem("boots", 1f), new RankedItem("boots", 1f), new RankedItem("boots", 2f) },
        { new HoldoutAssignment("site", HoldoutArm.Control, 12, false), new HoldoutAssignment("site", HoldoutArm.Control, 12, false), new HoldoutAssignment("site", HoldoutArm.Control, 12, true) },
        { Info("home"), Info("home"), Info("cart") },
        { new Outcome("u", "site", HoldoutArm.Treatment, EventKind.Purchase, "boots", 9.99m, At), new Outcome("u", "site", HoldoutArm.Treatment, EventKind.Purchase, "boots", 9.99m, At), new Outcome("u", "site", HoldoutArm.Treatment, EventKind.Purchase, "boots", 1m, At) },
        { new SignalContribution("popularity", 0.83f, 0.5f), new SignalContribution("popularity", 0.83f, 0.5f), new SignalContribution("freshness", 0.83f, 0.5f) },
        { new CandidateRemoval("boots", "dismissed", "r"), new CandidateRemoval("boots", "dismissed", "r"), new CandidateRemoval("boots", "frequency-cap", "r") },
        { new RuleInfo("team", "why", "metric"), new RuleInfo("team", "why", "metric"), new RuleInfo("team", "why", "metric", new DateOnly(2027, 1, 1)) },
        { Rule(new RuleInfo("t", "p", "m")), Rule(new RuleInfo("t", "p", "m")), Rule(new RuleInfo("other", "p", "m")) },
        { new ArmResult(HoldoutArm.Control, 10, 1, 5, 0.1, 0.5), new ArmResult(HoldoutArm.Control, 10, 1, 5, 0.1, 0.5), new ArmResult(HoldoutArm.Control, 10, 1, 5, 0.1, null) },
        { new LiftEstimate(0.1, 0, 0.2, 0.04, "t"), new LiftEstimate(0.1, 0, 0.2, 0.04, "t"), new LiftEstimate(0.1, 0, 0.2, 0.06, "t") },
        { new SampleRatioCheck(0.1, 0.1, 0, 1, false), new SampleRatioCheck(0.1, 0.1, 0, 1, false), new SampleRatioCheck(0.1, 0.2, 50, 0, true) },
        { Figure("92%"), Figure("92%"), Figure("93%") },
        { new SignalHealth("popularity", 10, 0, 0, 1, ReadinessStatus.Ready), new SignalHealth("popularity", 10, 0, 0, 1, ReadinessStatus.Ready), new SignalHealth("popularity", 10, 0.5, 0, 1, ReadinessStatus.NotReady) },
        { new ReadinessCoverage(10, 1, 0, 0, 0, 0), new ReadinessCoverage(10, 1, 0, 0, 0, 0), new ReadinessCoverage(11, 1, 0, 0, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equal_values_are_equal_and_a_different_property_is_not(object value, object same, object different)
    {
        Assert.NotSame(value, same);
        Assert.Equal(value, same);
        Assert.Equal(value.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(value, different);
        Assert.True(Operator("op_Equality", value, same));
        Assert.False(Operator("op_Inequality", value, same));
        Assert.True(Operator("op_Inequality", value, different));
    }

    [Fact]
    public void A_class_result_is_not_equal_to_null_and_null_equals_null()
    {
        RuleInfo? none = null;

        Assert.False(new RuleInfo("t", "p", "m") == none);
        Assert.True(none == null);
        Assert.False(new RuleInfo("t", "p", "m").Equals(null));
    }

    private static bool Operator(string name, object left, object right) =>
        (bool)left.GetType().GetMethod(name, [left.GetType(), left.GetType()])!.Invoke(null, [left, right])!;

    private static DecisionInfo Info(string placement) =>
        new(Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), DecisionVariant.Personalized, At, new HoldoutAssignment("site", HoldoutArm.Treatment, 1, false), DecisionReason.Profile, placement);

    private static RuleDescriptor Rule(RuleInfo info) => new("popularity", RuleKind.Signal, info, true, 0.83f, 1f);

    private static ReadinessFigure Figure(string display) =>
        new(ReadinessArea.Identity, "identity resolution", 0.92, "ratio", display, "ready >= 90%", ReadinessStatus.Ready, "No action needed.");
}
