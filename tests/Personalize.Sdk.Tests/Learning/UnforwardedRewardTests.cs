using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Takes rewards or drops them, as a journal whose buffer is full does.</summary>
    private sealed class RefusingJournal(bool takes) : IChangeJournal
    {
        public int Offered { get; private set; }

        public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp)
        {
        }

        public void Stitched(string anonymousKey, string knownKey)
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
