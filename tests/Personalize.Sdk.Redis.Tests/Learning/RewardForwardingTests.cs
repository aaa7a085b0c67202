using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// A load balancer sends the reward, or the click, to any server: it reaches the server that made
/// the decision, through the journal. (Each host's decision ids carry its own random prefix, so two
/// hosts in one process tell their decisions apart as two servers do.)
/// </summary>
public sealed class RewardForwardingTests
{
    [RedisFact]
    public async Task A_click_tracked_on_another_server_rewards_the_decision_where_it_was_made()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, Learn);
        await using var b = await AppServer.StartAsync(redis, Learn);
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-1"));
        var decision = a.Personalizer.Rank(new PersonalizationRequest("shopper") { Count = 3 });
        await a.FlushAsync();
        await b.CatchUpAsync();

        b.Personalizer.Track(PersonalizationEvent.Click("shopper", decision.Items[1].ItemKey));
        var placement = await SettledOnAsync(a, passedOnBy: b);
        Assert.Equal(1, placement.SettledDecisions);
        Assert.Equal(1, placement.RewardedDecisions);
    }

    [RedisFact]
    public async Task An_explicit_reward_given_to_another_server_reaches_the_decision()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, Learn);
        await using var b = await AppServer.StartAsync(redis, Learn);
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-1"));
        var decision = a.Personalizer.Rank(new PersonalizationRequest("shopper") { Count = 3 });

        Assert.True(b.Personalizer.Reward(decision.Id, decision.Items[2].ItemKey, 0.7));
        var placement = await SettledOnAsync(a, passedOnBy: b);
        Assert.Equal(1, placement.RewardedDecisions);
        Assert.Equal(0.7 / 3, placement.Online.Where(online => online.Decisions > 0).Single().Mean, 6);
    }

    [RedisFact]
    public async Task A_reward_for_an_id_no_server_makes_is_refused_while_another_servers_decision_is_still_rewarded()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, Learn);
        await using var b = await AppServer.StartAsync(redis, Learn);
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-1"));
        var decision = a.Personalizer.Rank(new PersonalizationRequest("shopper") { Count = 3 });

        // Not version 7 GUIDs: no server made them, so they are not passed on for every server to read.
        Assert.False(b.Personalizer.Reward(Guid.Empty, 1));
        Assert.False(b.Personalizer.Reward(Guid.NewGuid(), 1));
        Assert.False(b.Personalizer.Reward(Guid.NewGuid(), "x", 1));

        Assert.True(b.Personalizer.Reward(decision.Id, 1));
        var placement = await SettledOnAsync(a, passedOnBy: b);
        Assert.Equal(1, placement.RewardedDecisions);
    }

    /// <summary>What <paramref name="passedOnBy"/> took reaches <paramref name="decider"/>, its decisions settle, and its one placement's learning is reported.</summary>
    private static async Task<PlacementLearning> SettledOnAsync(AppServer decider, AppServer passedOnBy)
    {
        await passedOnBy.FlushAsync();
        await decider.CatchUpAsync();
        decider.Time.Advance(TimeSpan.FromMinutes(2));
        ((Personalizer)decider.Personalizer).Learner.Update();
        return Assert.Single(decider.Host.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
    }

    private static void Learn(PersonalizationOptions options)
    {
        options.Learning.Mode = LearningMode.Online;
        options.Learning.RewardWaitTime = TimeSpan.FromMinutes(1);
        options.Learning.UpdateInterval = TimeSpan.FromHours(1);
        options.Learning.ExplorationRate = 0;
    }
}
