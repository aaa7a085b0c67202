using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>The logged probability is exact: the double the policy computed, which is also what the evaluator weighs with.</summary>
public sealed class LoggedProbabilityTests
{
    [Fact]
    public void Each_logged_probability_is_exactly_the_policys_and_the_serving_policy_weighs_exactly_1()
    {
        const double Epsilon = 0.05;
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options =>
        {
            options.Learning.ExplorationRate = Epsilon;
            options.Learning.ExplorationSeed = 7;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        });
        sdk.View("ann", "hiking-1");
        for (var i = 0; i < 5; i++)
        {
            var decision = sdk.Rank("ann", 4);
            Assert.True(sdk.Personalizer.Reward(decision.Id, 1.0));
        }

        RewardTests.Settle(sdk);

        Assert.Equal(5, sink.Records.Count);
        foreach (var record in sink.Records)
        {
            for (var slot = 0; slot < record.Slots.Count; slot++)
            {
                // In slot k the pool has (pool - k) items left: the greedy one has 1 - e + e / left, any other e / left.
                var left = record.Candidates.Count - slot;
                var p = record.Slots[slot].Probability;
                Assert.True(p == 1 - Epsilon + (Epsilon / left) || p == Epsilon / left, $"slot {slot}: {p:R}");
            }
        }

        // The configured weights served: each importance weight is exactly 1, so IPS is the logged mean exactly: of each
        // decision's first slot, which the evaluation reads and the decision's reward went to.
        var evaluation = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(PersonalizationRequest.DefaultPlacement);
        Assert.Equal(20, evaluation.Rounds);
        Assert.Equal(1.0, evaluation["default"].InversePropensity.Value);
        Assert.Equal(5.0, evaluation["default"].InversePropensity.EffectiveSampleSize);
    }
}
