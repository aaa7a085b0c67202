using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// README "Learning": the online mean's 95% interval is "Wilson's score interval while every
/// reward was 0 or 1 or all were alike"; OnlineReward.Lower: "or all were alike (so decisions that
/// all earned nothing, or all the default reward, still get an interval wider than a point)".
/// </summary>
public sealed class DefaultRewardIntervalTests
{
    [Fact]
    public void Decisions_that_all_earned_the_default_reward_get_an_interval_wider_than_a_point_whatever_their_slot_counts()
    {
        // Every decision earns the default reward 0.1 in every slot; some show 3 items, some 4
        // (the mean of three 0.1s is 0.10000000000000002, of four 0.1).
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options => options.Learning.DefaultReward = 0.1);
        for (var i = 0; i < 30; i++)
        {
            sdk.View($"user-{i}", "books-1");
            sdk.Rank($"user-{i}", 3 + (i % 2));
        }

        RewardTests.Settle(sdk);

        var online = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).Online;
        var served = online.Single(result => result.Decisions > 0);
        Assert.Equal(30, served.Decisions);
        Assert.Equal(0.1, served.Mean, 12);
        Assert.True(
            served.Upper - served.Lower > 0.05,
            $"30 decisions, every one the default reward 0.1: interval [{served.Lower:R}, {served.Upper:R}] (Wilson's would be about 0.2 wide)");
    }
}
