using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>What EstimateInterval promises through ILearningReporter.Evaluate: NaN bounds on a single decision, NaN when the logs say nothing about a policy.</summary>
public sealed class EvaluationNaNTests
{
    [Fact]
    public void One_settled_decision_of_four_slots_gives_no_interval()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options => options.Learning.ExplorationRate = 0.05);
        sdk.View("ann", "hiking-1");
        var decision = sdk.Rank("ann", 4);
        sdk.Personalizer.Reward(decision.Id, 1.0);
        RewardTests.Settle(sdk);

        var evaluation = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(PersonalizationRequest.DefaultPlacement);

        Assert.Equal(1, evaluation.Decisions);
        Assert.Equal(4, evaluation.Rounds);
        foreach (var policy in evaluation.Policies)
        {
            foreach (var estimate in new[] { policy.DirectMethod, policy.InversePropensity, policy.SelfNormalized, policy.DoublyRobust })
            {
                Assert.False(double.IsNaN(estimate.Value), $"{policy.Policy}: {estimate}");
                Assert.True(double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper), $"{policy.Policy}: {estimate}");
            }
        }
    }

    [Fact]
    public void A_candidate_the_logs_never_saw_choose_gets_NaN_from_every_weighted_estimate()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap));
        sdk.View("ann", "hiking-1");
        for (var i = 0; i < 3; i++)
        {
            var decision = sdk.Rank("ann", 1);
            sdk.Personalizer.Reward(decision.Id, 1.0);
        }

        RewardTests.Settle(sdk);

        // Exploration 0 and weights that reverse the ranking: the candidate never makes the logged choice.
        var reversed = new Dictionary<string, float> { [BuiltInSignals.Popularity] = -1f, [BuiltInSignals.CategoryAffinity] = -1f, [BuiltInSignals.AttributeAffinity] = -1f };
        var candidate = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(PersonalizationRequest.DefaultPlacement, reversed)["candidate"];

        foreach (var estimate in new[] { candidate.InversePropensity, candidate.SelfNormalized, candidate.DoublyRobust })
        {
            Assert.True(double.IsNaN(estimate.Value) && double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper), estimate.ToString());
            Assert.Equal(0, estimate.EffectiveSampleSize);
        }

        Assert.False(double.IsNaN(candidate.DirectMethod.Value));
    }
}
