using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// README, "Privacy": identity links are held until "the profile's end ... or Forget", and "With
/// Personalize.Sdk.Redis, Forget is journaled and applied by every server as it reads the journal".
/// A stitch or an erasure journaled after leaving the identity lock could be journaled after a
/// Forget or a stitch another thread applied later: every other server would then erase the person
/// and afterwards link the guest to the erased account again (making it a profile), or erase a link
/// made after the erasure. The racing call starts on another thread from the journal call itself
/// (the gap there was), so the race is deterministic: it either runs there, or waits for the lock.
/// </summary>
public sealed class ForgetRacingStitchJournalTests
{
    [Fact]
    public async Task A_Forget_racing_a_sign_in_leaves_no_link_on_the_other_servers()
    {
        var journalA = new HookedJournal();
        var journalB = new LoopbackJournal();
        using var a = Server(journalA);
        using var b = Server(journalB);
        a.View("guest", "books-1");
        a.View("acct", "garden-1");
        journalA.Inner.DeliverTo(b.Personalizer);

        Task? forget = null;
        journalA.BeforeStitched = () => forget = Racing(() => Assert.True(a.Personalizer.Forget("acct")));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "acct"));
        Assert.NotNull(forget);
        await forget;

        // Server A: the person is erased, every key of theirs.
        Assert.True(a.Personalizer.GetPersonalData("acct").IsEmpty);
        Assert.True(a.Personalizer.GetPersonalData("guest").IsEmpty);

        // Server B applies A's journal in order.
        journalA.Inner.DeliverTo(b.Personalizer);
        Assert.True(b.Personalizer.GetPersonalData("acct").IsEmpty, b.Personalizer.GetPersonalData("acct").ToJson());
        Assert.True(b.Personalizer.GetPersonalData("guest").IsEmpty, b.Personalizer.GetPersonalData("guest").ToJson());
    }

    [Fact]
    public async Task A_sign_in_right_after_a_Forget_is_kept_by_the_other_servers_as_here()
    {
        // "Applying the same changes on every server gives every server the same profiles, statistics, identity map" (docs/architecture.md).
        var journalA = new HookedJournal();
        var journalB = new LoopbackJournal();
        using var a = Server(journalA);
        using var b = Server(journalB);
        a.View("guest", "books-1");
        a.View("acct", "garden-1");
        journalA.Inner.DeliverTo(b.Personalizer);

        Task? identify = null;
        journalA.BeforeForgotten = () => identify = Racing(() => Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest2", "acct")));
        Assert.True(a.Personalizer.Forget("acct"));
        Assert.NotNull(identify);
        await identify;
        journalA.Inner.DeliverTo(b.Personalizer);

        Assert.Equal(a.Personalizer.GetPersonalData("acct").LinkedKeys, b.Personalizer.GetPersonalData("acct").LinkedKeys);
    }

    /// <summary>
    /// Another request thread's call, started from inside a journal call and given time to run there
    /// (it does unless the caller holds the identity lock, when it waits for it); awaited after.
    /// </summary>
    private static Task Racing(Action call)
    {
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
        return task;
    }

    private static TestSdk Server(IChangeJournal journal) =>
        new(build: builder => builder.Services.AddSingleton(journal));

    private sealed class HookedJournal : IChangeJournal
    {
        public LoopbackJournal Inner { get; } = new();

        public Action? BeforeStitched;

        public Action? BeforeForgotten;

        public bool ConfirmsErasures => Inner.ConfirmsErasures;

        public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp) =>
            Inner.EventApplied(profileKey, personalizationEvent, timestamp);

        public void Stitched(string anonymousKey, string knownKey)
        {
            Interlocked.Exchange(ref BeforeStitched, null)?.Invoke();
            Inner.Stitched(anonymousKey, knownKey);
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
