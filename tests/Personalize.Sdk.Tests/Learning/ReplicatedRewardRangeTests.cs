using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// A reward another server passed on is held to the range <see cref="IPersonalizer.Reward(Guid, double)"/>
/// enforces: one that is not in [0, 1] (a corrupt journal entry) is not learned from.
/// </summary>
public sealed class ReplicatedRewardRangeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(2.0)]
    public void A_replicated_reward_outside_0_to_1_is_not_learned_from(double reward)
    {
        using var sdk = new TestSdk(options =>
        {
            options.MaxPerCategory = 0;
            options.Learning.Mode = LearningMode.Online;
            options.Learning.RewardWaitTime = Wait;
            options.Learning.UpdateInterval = TimeSpan.FromHours(1);
        });
        sdk.View("ann", "books-1");
        var decision = sdk.Rank("ann", 3);

        ((IReplica)sdk.Personalizer).ApplyReward(decision.Id, null, reward);
        sdk.Time.Advance(Wait + TimeSpan.FromSeconds(1));
        ((Personalizer)sdk.Personalizer).Learner.Update();

        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal(1, placement.SettledDecisions);
        Assert.Equal(0, placement.RewardedDecisions);
        Assert.All(placement.Weights.Values, weight => Assert.True(double.IsFinite(weight)));
        Assert.All(sdk.Rank("ann", 5).Items, item => Assert.True(float.IsFinite(item.Score)));
    }
}
