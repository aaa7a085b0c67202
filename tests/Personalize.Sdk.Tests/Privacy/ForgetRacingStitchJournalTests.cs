using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// README, "Privacy": identity links are held until "the profile's end ... or Forget", and "With
/// Personalize.Sdk.Redis, Forget is journaled and applied by every server as it reads the journal".
/// A stitch or an erasure journaled after leaving the identity lock could be journaled after a
/// Forget or a stitch another thread applied later: every other server would then erase the person
/// and afterwards link the guest to the erased account again, or erase a link made after the
/// erasure. Journaled under the lock, the journal's order is the order they were applied in; the
/// tests check each is journaled while the lock is held, and that another server applying the
/// journal ends as this one did.
/// </summary>
public sealed class ForgetRacingStitchJournalTests
{
    [Fact]
    public void A_sign_in_is_journaled_under_the_identity_lock_so_a_Forget_cannot_come_between()
    {
        using var servers = new TwoServers();
        var (journalA, a, b) = (servers.JournalA, servers.A, servers.B);
        bool? held = null;
        journalA.BeforeStitched = () => held = ((Personalizer)a.Personalizer).HoldsIdentityGate;

        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "acct"));
        Assert.True(a.Personalizer.Forget("acct"));
        journalA.Inner.DeliverTo(b.Personalizer);

        Assert.True(held);
        Assert.True(b.Personalizer.GetPersonalData("acct").IsEmpty, b.Personalizer.GetPersonalData("acct").ToJson());
        Assert.True(b.Personalizer.GetPersonalData("guest").IsEmpty, b.Personalizer.GetPersonalData("guest").ToJson());
    }

    [Fact]
    public void A_Forget_is_journaled_under_the_identity_lock_so_a_sign_in_cannot_come_between()
    {
        using var servers = new TwoServers();
        var (journalA, a, b) = (servers.JournalA, servers.A, servers.B);
        bool? held = null;
        journalA.BeforeForgotten = () => held = ((Personalizer)a.Personalizer).HoldsIdentityGate;

        Assert.True(a.Personalizer.Forget("acct"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest2", "acct"));
        journalA.Inner.DeliverTo(b.Personalizer);

        Assert.True(held);
        Assert.Equal(a.Personalizer.GetPersonalData("acct").LinkedKeys, b.Personalizer.GetPersonalData("acct").LinkedKeys);
    }

    /// <summary>Server A, whose journal is hooked, and server B, to which A's journal is delivered; A knows the guest and the account.</summary>
    private sealed class TwoServers : IDisposable
    {
        public TwoServers()
        {
            A = new TestSdk(build: builder => builder.Services.AddSingleton<IChangeJournal>(JournalA));
            A.View("guest", "books-1");
            A.View("acct", "garden-1");
        }

        public HookedJournal JournalA { get; } = new();

        public TestSdk A { get; }

        public TestSdk B { get; } = new(build: builder => builder.Services.AddSingleton<IChangeJournal>(new LoopbackJournal()));

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }

    private sealed class HookedJournal : IChangeJournal
    {
        public LoopbackJournal Inner { get; } = new();

        public Action? BeforeStitched;

        public Action? BeforeForgotten;

        public bool ConfirmsErasures => Inner.ConfirmsErasures;

        public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp) =>
            Inner.EventApplied(profileKey, personalizationEvent, timestamp);

        public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt)
        {
            Interlocked.Exchange(ref BeforeStitched, null)?.Invoke();
            Inner.Stitched(anonymousKey, knownKey, stitchedAt);
        }

        public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt)
        {
            Interlocked.Exchange(ref BeforeForgotten, null)?.Invoke();
            Inner.Forgotten(userKey, keys, erasedAt);
        }

        public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) => Inner.Exposed(holdout, unitKey, arm, timestamp);

        public bool Rewarded(Guid decisionId, string? itemKey, double reward) => Inner.Rewarded(decisionId, itemKey, reward);
    }
}
