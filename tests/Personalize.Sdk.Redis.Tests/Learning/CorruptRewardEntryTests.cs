using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// A journaled reward outside [0, 1] (a corrupt entry: <c>Reward</c> throws for such a value, so no
/// server writes one) is skipped as unreadable, like every corrupt entry, and never learned from.
/// </summary>
public sealed class CorruptRewardEntryTests
{
    private readonly FakeTimeProvider _time = new(AppServer.Start);

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    public void A_journaled_reward_outside_0_to_1_is_unreadable_and_not_learned_from(double reward)
    {
        using var personalizer = Learning();
        var decision = Decide(personalizer);

        var applied = JournalCodec.Apply(JournalCodec.Reward(Guid.NewGuid(), decision.Id, null, reward), Guid.NewGuid(), personalizer);
        Settle(personalizer);

        Assert.False(applied);
        var report = Assert.Single(personalizer.Learner.GetReport().Placements);
        Assert.Equal(1, report.SettledDecisions);
        Assert.Equal(0, report.RewardedDecisions);
        Assert.All(report.Weights.Values, weight => Assert.True(double.IsFinite(weight)));
        Assert.All(personalizer.Rank(new PersonalizationRequest("p") { Count = 5 }).Items, item => Assert.True(float.IsFinite(item.Score)));
    }

    [Fact]
    public void A_journaled_reward_in_range_is_learned_from()
    {
        using var personalizer = Learning();
        var decision = Decide(personalizer);

        Assert.True(JournalCodec.Apply(JournalCodec.Reward(Guid.NewGuid(), decision.Id, null, 1), Guid.NewGuid(), personalizer));
        Settle(personalizer);

        Assert.Equal(1, Assert.Single(personalizer.Learner.GetReport().Placements).RewardedDecisions);
    }

    private Sdk.Personalizer Learning() => (Sdk.Personalizer)new PersonalizerBuilder()
        .UseTimeProvider(_time)
        .Configure(o =>
        {
            o.Learning.Mode = LearningMode.Online;
            o.Learning.RewardWaitTime = TimeSpan.FromMinutes(1);
            o.Learning.UpdateInterval = TimeSpan.FromHours(1);
        })
        .AddCatalog(AppServer.Catalog)
        .Build();

    private static Decision Decide(Sdk.Personalizer personalizer)
    {
        personalizer.Track(PersonalizationEvent.View("p", "books-1"));
        return personalizer.Rank(new PersonalizationRequest("p") { Count = 3 });
    }

    private void Settle(Sdk.Personalizer personalizer)
    {
        _time.Advance(TimeSpan.FromMinutes(2));
        personalizer.Learner.Update();
    }
}
