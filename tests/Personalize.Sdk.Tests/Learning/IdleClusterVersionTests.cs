using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// docs/scaling.md: a server solves a new version when it learned settled decisions of its own or
/// when the other servers' statistics changed, "and an idle cluster adds no versions". A server alone
/// in the shared store reads back its own statistics: that is no change.
/// </summary>
public sealed class IdleClusterVersionTests
{
    [Fact]
    public void A_server_alone_in_the_exchange_adds_no_version_once_it_is_idle()
    {
        var exchange = new ScriptedExchange();
        using var sdk = Server(exchange);
        sdk.View("ann", "books-1");
        sdk.Personalizer.Reward(sdk.Rank("ann", 3).Id, 1);

        RewardTests.Settle(sdk);
        Update(sdk);
        Update(sdk);

        Assert.True(exchange.Calls >= 3);
        var placement = Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements);
        Assert.Equal(1, placement.PolicyVersion);
    }

    [Fact]
    public void What_another_server_learned_adds_one_version_and_then_none_while_it_stays_the_same()
    {
        var exchange = new ScriptedExchange();
        using var sdk = Server(exchange);
        Update(sdk);
        Assert.Equal(0, Version(sdk));

        var learned = StatisticsOfAnotherServer();
        exchange.Others = _ => [.. learned];
        Update(sdk);
        Update(sdk);
        Update(sdk);

        Assert.Equal(1, Version(sdk));
    }

    [Fact]
    public void The_others_sum_falling_back_to_zero_is_a_change()
    {
        var learned = StatisticsOfAnotherServer();
        var exchange = new ScriptedExchange { Others = _ => [.. learned] };
        using var sdk = Server(exchange);
        Update(sdk);
        Update(sdk);
        Assert.Equal(1, Version(sdk));

        exchange.Others = static length => new double[length];
        Update(sdk);
        Update(sdk);

        Assert.Equal(2, Version(sdk));
    }

    private static TestSdk Server(ILearningExchange exchange) => RewardTests.Learning(
        new RewardTests.RecordingSink(),
        build: builder => builder.Services.AddSingleton(exchange));

    /// <summary>What a server that learned one rewarded decision shares.</summary>
    private static double[] StatisticsOfAnotherServer()
    {
        using var other = RewardTests.Learning(new RewardTests.RecordingSink());
        other.View("bob", "books-1");
        other.Personalizer.Reward(other.Rank("bob", 3).Id, 1);
        RewardTests.Settle(other);
        return ((Personalizer)other.Personalizer).Learner.For(0)!.OwnStatistics();
    }

    private static void Update(TestSdk sdk)
    {
        RewardTests.Update(sdk);
        ((Personalizer)sdk.Personalizer).Learner.LastExchange.GetAwaiter().GetResult();
    }

    private static int Version(TestSdk sdk) =>
        Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).PolicyVersion;
}
