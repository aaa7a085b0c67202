using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// With shared state, <see cref="IPersonalizer.Reward(Guid, double)"/> acknowledges a reward for
/// another server's decision only when the journal took it on its way there.
/// </summary>
public sealed class UnforwardedRewardTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_reward_for_another_servers_decision_is_acknowledged_only_when_the_journal_took_it(bool taken)
    {
        var journal = new RefusingJournal(taken);
        using var sdk = new TestSdk(
            options => options.Learning.Mode = LearningMode.Online,
            builder => builder.Services.AddSingleton<IChangeJournal>(journal));
        var elsewhere = Guid.CreateVersion7();

        Assert.Equal(taken, sdk.Personalizer.Reward(elsewhere, 0.5));
        Assert.Equal(taken, sdk.Personalizer.Reward(elsewhere, "hiking-1", 0.5));
        Assert.Equal(2, journal.Offered);
    }

    [Fact]
    public void A_reward_for_an_id_no_server_makes_is_refused_counted_unmatched_and_never_passed_on()
    {
        var journal = new RefusingJournal(takes: true);
        using var sdk = new TestSdk(
            options => options.Learning.Mode = LearningMode.Online,
            builder => builder.Services.AddSingleton<IChangeJournal>(journal));
        using var unmatched = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.rewards_unmatched");

        Assert.False(sdk.Personalizer.Reward(Guid.Empty, 1));
        Assert.False(sdk.Personalizer.Reward(Guid.NewGuid(), 1));
        Assert.False(sdk.Personalizer.Reward(Guid.NewGuid(), "hiking-1", 1));
        Assert.False(sdk.Personalizer.Reward(Guid.AllBitsSet, 1));

        Assert.Equal(0, journal.Offered);
        Assert.Equal(4, unmatched.GetMeasurementSnapshot().Sum(measurement => measurement.Value));

        // A decision id of this server's layout, made elsewhere, is still passed on.
        using var elsewhere = new TestSdk();
        Assert.True(sdk.Personalizer.Reward(elsewhere.Rank("ann").Id, 1));
        Assert.Equal(1, journal.Offered);
    }

    [Fact]
    public void Every_decision_id_a_personalizer_makes_is_well_formed_and_other_layouts_are_not()
    {
        var ids = new DecisionIds();

        Assert.All(Enumerable.Range(0, 1000).Select(i => ids.Next(TestSdk.Start.AddMilliseconds(i * 7919))), id => Assert.True(DecisionIds.IsWellFormed(id), id.ToString()));
        Assert.True(DecisionIds.IsWellFormed(Guid.CreateVersion7()));
        Assert.False(DecisionIds.IsWellFormed(Guid.Empty));
        Assert.False(DecisionIds.IsWellFormed(Guid.AllBitsSet));
        Assert.False(DecisionIds.IsWellFormed(Guid.NewGuid()));

        // Version 7 with another variant (Microsoft's 110): not an RFC 9562 id.
        Assert.False(DecisionIds.IsWellFormed(Guid.Parse("01890a5d-ac96-7a4b-c000-000000000001")));
    }

    /// <summary>Takes rewards or drops them, as a journal whose buffer is full does.</summary>
    private sealed class RefusingJournal(bool takes) : IChangeJournal
    {
        public int Offered { get; private set; }

        public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp)
        {
        }

        public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt)
        {
        }

        public bool ConfirmsErasures => false;

        public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt)
        {
        }

        public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
        {
        }

        public bool Rewarded(Guid decisionId, string? itemKey, double reward)
        {
            Offered++;
            return takes;
        }
    }
}
