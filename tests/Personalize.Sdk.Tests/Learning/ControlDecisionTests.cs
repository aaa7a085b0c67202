using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>A holdout's control decisions are tallied in the report but teach nothing: no version, no takeover, no "settled and learned from" count.</summary>
public sealed class ControlDecisionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    [Fact]
    public void Online_control_decisions_alone_solve_no_version_and_never_make_the_learned_weights_serve()
    {
        using var sdk = WithHoldout(LearningMode.Online);
        using var settled = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.settled");
        foreach (var user in Users(sdk, HoldoutArm.Control).Take(3))
        {
            Assert.Equal(DecisionVariant.Control, sdk.Rank(user, 3).Variant);
        }

        RewardTests.Settle(sdk);
        RewardTests.Settle(sdk);

        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal("default", placement.Serving);
        Assert.Equal(0, placement.PolicyVersion);
        Assert.Empty(placement.History);
        Assert.Equal(3, placement.SettledDecisions);
        Assert.Equal(3, placement.Online.Single(result => result.Policy == "control").Decisions);
        Assert.Equal(0, settled.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public void Online_control_decisions_do_not_count_toward_MinSettledDecisions()
    {
        using var sdk = WithHoldout(LearningMode.Online);
        using var settled = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.settled");
        Assert.Equal(DecisionVariant.ColdStart, sdk.Rank(Users(sdk, HoldoutArm.Treatment).First(), 3).Variant);
        foreach (var user in Users(sdk, HoldoutArm.Control).Take(3))
        {
            sdk.Rank(user, 3);
        }

        RewardTests.Settle(sdk);

        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal(1, placement.PolicyVersion);
        Assert.Equal(4, placement.SettledDecisions);
        Assert.Equal("default", placement.Serving);
        Assert.Equal(1, settled.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public void An_apprentice_does_not_judge_a_takeover_before_MinSettledDecisions_decisions_were_learned_from()
    {
        using var sdk = WithHoldout(LearningMode.Apprentice);
        foreach (var user in Users(sdk, HoldoutArm.Treatment).Take(2))
        {
            sdk.Rank(user, 3);
        }

        foreach (var user in Users(sdk, HoldoutArm.Control).Take(3))
        {
            sdk.Rank(user, 3);
        }

        RewardTests.Settle(sdk);

        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal(1, placement.PolicyVersion);
        Assert.Equal(5, placement.SettledDecisions);
        Assert.Null(placement.Evaluation);
    }

    private static TestSdk WithHoldout(LearningMode mode) => new(
        options =>
        {
            options.Learning.Mode = mode;
            options.Learning.RewardWaitTime = Wait;
            options.Learning.MinSettledDecisions = 3;
        },
        builder => builder.AddHoldout("lift", 5_000));

    private static IEnumerable<string> Users(TestSdk sdk, HoldoutArm arm) =>
        Enumerable.Range(0, 200).Select(i => $"new-{i}").Where(user => sdk.Personalizer.GetHoldoutAssignment(user, "lift").Arm == arm);
}
