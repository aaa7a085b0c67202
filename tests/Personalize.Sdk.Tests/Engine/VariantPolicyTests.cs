using Personalize.Sdk.Engine;

namespace Personalize.Sdk.Tests.Engine;

public sealed class VariantPolicyTests
{
    private static readonly VariantFacts Regular = new(KillSwitch: false, InControl: false, ConsentFlags.Personalization, LowIntent: false, HasHistory: true, Confidence: 0.9, MinConfidence: 0.1);

    public static TheoryData<string, DecisionVariant, DecisionReason> Cases => new()
    {
        { "regular", DecisionVariant.Personalized, DecisionReason.Profile },
        { "kill switch beats control", DecisionVariant.Fallback, DecisionReason.KillSwitch },
        { "control beats no consent", DecisionVariant.Control, DecisionReason.Holdout },
        { "no consent beats low intent", DecisionVariant.ColdStart, DecisionReason.NoConsent },
        { "low intent beats no history", DecisionVariant.ColdStart, DecisionReason.LowIntent },
        { "no history", DecisionVariant.ColdStart, DecisionReason.NoHistory },
        { "low confidence", DecisionVariant.ColdStart, DecisionReason.LowConfidence },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_intended_variant_follows_a_fixed_precedence(string facts, DecisionVariant variant, DecisionReason reason)
    {
        var input = facts switch
        {
            "kill switch beats control" => Regular with { KillSwitch = true, InControl = true },
            "control beats no consent" => Regular with { InControl = true, Consent = ConsentFlags.None },
            "no consent beats low intent" => Regular with { Consent = ConsentFlags.None, LowIntent = true },
            "low intent beats no history" => Regular with { LowIntent = true, HasHistory = false },
            "no history" => Regular with { HasHistory = false, Confidence = 0 },
            "low confidence" => Regular with { Confidence = 0.05 },
            _ => Regular,
        };

        Assert.Equal((variant, reason), VariantPolicy.Intend(input));
    }

    /// <summary>Failures by number: 0 none, 1 no known candidates, 2 a guardrail failed, 3 every signal failed.</summary>
    [Theory]
    [InlineData(0, false, DecisionVariant.Personalized, DecisionReason.Profile, false)]
    [InlineData(1, false, DecisionVariant.Fallback, DecisionReason.NoKnownCandidates, true)]
    [InlineData(2, false, DecisionVariant.Fallback, DecisionReason.GuardrailFailed, true)]
    [InlineData(3, false, DecisionVariant.Fallback, DecisionReason.SignalsFailed, true)]
    [InlineData(0, true, DecisionVariant.Fallback, DecisionReason.Paused, false)]
    [InlineData(3, true, DecisionVariant.Fallback, DecisionReason.Paused, true)]
    public void Failures_fall_back_and_a_pause_serves_the_default_while_the_failure_is_still_counted(int failure, bool paused, DecisionVariant variant, DecisionReason reason, bool failed)
    {
        Assert.Equal((variant, reason, failed), VariantPolicy.Settle((DecisionVariant.Personalized, DecisionReason.Profile), (PipelineFailure)failure, paused));
    }
}
