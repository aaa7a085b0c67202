using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// An undated event in a Forget's own clock tick happens after it: it is dated a tick after the
/// erasure, so every server replaying it keeps it as the server that took it does.
/// </summary>
public sealed class SameTickErasureTests
{
    private static TestSdk Server(LoopbackJournal journal, FakeTimeProvider? time = null) =>
        new(build: builder => builder.Services.AddSingleton<IChangeJournal>(journal), time: time);

    [Fact]
    public void A_guest_signing_in_to_the_erased_account_in_the_Forgets_tick_keeps_its_event_on_every_server()
    {
        var (journalA, journalB) = (new LoopbackJournal(), new LoopbackJournal());
        using var a = Server(journalA);
        using var b = Server(journalB);
        a.View("acct", "books-1");
        journalA.DeliverTo(b.Personalizer);
        a.Time.Advance(TimeSpan.FromSeconds(1));
        b.Time.Advance(TimeSpan.FromSeconds(1));

        // Forget me, then the person signs in again on a new device and views a page, within A's one clock tick.
        Assert.True(a.Personalizer.Forget("acct"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "acct"));
        a.Personalizer.Track(PersonalizationEvent.View("guest", "hiking-2"));
        Assert.Contains("hiking-2", a.Personalizer.GetPersonalData("acct").ToJson(), StringComparison.Ordinal);
        journalA.DeliverTo(b.Personalizer);

        Assert.Equal(a.Personalizer.GetPersonalData("acct").ToJson(), b.Personalizer.GetPersonalData("acct").ToJson());
    }

    [Fact]
    public void An_undated_event_after_an_erasure_from_a_clock_ahead_by_the_tolerance_is_not_rejected_as_future()
    {
        using var server = new TestSdk(build: builder => builder.Services.AddSingleton<IChangeJournal>(new LoopbackJournal()));
        var replica = (IReplica)server.Personalizer;

        // Another server's clock ahead by the whole tolerance: accepted as its stated time (NotAhead).
        replica.ApplyForget("p", server.Time.GetUtcNow() + EventPipeline.FutureTolerance);
        server.Personalizer.Track(PersonalizationEvent.View("p", "hiking-1"));

        // README "Events": a null timestamp means the time the event is tracked.
        Assert.Contains("hiking-1", server.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_the_host_dates_with_the_erasures_tick_counts_as_before_it_while_an_undated_one_follows_it()
    {
        // README "Privacy": an event dated at or before the erasure cannot bring the person back; one
        // the host dates with the erasure's very tick counts as before it; one left undated follows it.
        using var server = new TestSdk(build: builder => builder.Services.AddSingleton<IChangeJournal>(new LoopbackJournal()));
        server.View("p", "books-1");
        server.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(server.Personalizer.Forget("p"));
        server.Personalizer.Track(PersonalizationEvent.View("p", "hiking-1"));
        server.Personalizer.Track(PersonalizationEvent.View("p", "hiking-2") with { Timestamp = server.Time.GetUtcNow() });

        var data = server.Personalizer.GetPersonalData("p").ToJson();
        Assert.Contains("hiking-1", data, StringComparison.Ordinal);
        Assert.DoesNotContain("hiking-2", data, StringComparison.Ordinal);
        Assert.DoesNotContain("books-1", data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Forget_landing_between_an_events_clock_read_and_its_state_read_leaves_the_event_kept_here_and_by_replicas()
    {
        var (journalA, journalB) = (new LoopbackJournal(), new LoopbackJournal());
        var clockA = new HookedClock();
        using var a = Server(journalA, clockA);
        using var b = Server(journalB);
        a.View("p", "books-1");
        journalA.DeliverTo(b.Personalizer);
        a.Time.Advance(TimeSpan.FromSeconds(1));
        b.Time.Advance(TimeSpan.FromSeconds(1));

        // The "forget me" request on another thread of A runs once the page view has read the clock
        // (one tick later), and ends before the page view reads the person's state.
        clockA.Hook = () =>
        {
            clockA.Advance(TimeSpan.FromTicks(1));
            Assert.True(a.Personalizer.Forget("p"));
        };
        a.Personalizer.Track(PersonalizationEvent.View("p", "hiking-2"));
        Assert.Null(clockA.Hook);

        // A starts the person's new history with it: the event came after the Forget here.
        Assert.Contains("hiking-2", a.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
        journalA.DeliverTo(b.Personalizer);

        // docs/scaling.md: each server applies the others' changes exactly as the local call would.
        Assert.Contains("hiking-2", b.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_undated_event_after_an_erasure_from_a_clock_one_second_ahead_is_kept_here_and_by_the_erasing_server()
    {
        var (journalA, journalB) = (new LoopbackJournal(), new LoopbackJournal());
        using var a = Server(journalA);
        using var b = Server(journalB);
        a.View("p", "books-1");
        journalA.DeliverTo(b.Personalizer);

        // A's clock one second ahead of B's: well within the five-minute window the guard assumes clocks agree to.
        a.Time.Advance(TimeSpan.FromSeconds(2));
        b.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(a.Personalizer.Forget("p"));
        journalA.DeliverTo(b.Personalizer);

        // B has applied the erasure; the person's next page view lands on B, undated: it happens now, after it.
        b.Personalizer.Track(PersonalizationEvent.View("p", "hiking-2"));
        Assert.Contains("hiking-2", b.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
        journalB.DeliverTo(a.Personalizer);

        // README "Privacy": one left undated, happening now, follows the erasure; scaling.md: replayed as the local call.
        Assert.Contains("hiking-2", a.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_Forget_still_passes_over_an_event_tracked_before_it_on_a_server_whose_clock_agrees()
    {
        var (journalB, journalC) = (new LoopbackJournal(), new LoopbackJournal());
        using var b = Server(journalB);
        using var c = Server(journalC);
        b.View("p", "books-1");
        c.View("p", "books-1");

        // Server A, its clock one second ahead of B's and C's (which agree exactly), forgets the person: both apply it.
        var erasedOnA = b.Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        ((IReplica)b.Personalizer).ApplyForget("p", erasedOnA);
        ((IReplica)c.Personalizer).ApplyForget("p", erasedOnA);

        // The person browses on C (the page view is dated a tick after A's erasure, a second ahead of C's clock) ...
        b.Time.Advance(TimeSpan.FromMilliseconds(100));
        c.Time.Advance(TimeSpan.FromMilliseconds(100));
        c.Personalizer.Track(PersonalizationEvent.View("p", "hiking-2"));
        Assert.Contains("hiking-2", c.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);

        // ... then asks B to forget them again; C's page view, tracked before that, reaches B after Forget returned.
        b.Time.Advance(TimeSpan.FromMilliseconds(100));
        c.Time.Advance(TimeSpan.FromMilliseconds(100));
        b.Personalizer.Forget("p");
        journalC.DeliverTo(b.Personalizer);

        // README "Privacy": an event in flight from another server when the erasure began cannot bring them back.
        Assert.DoesNotContain("hiking-2", b.Personalizer.GetPersonalData("p").ToJson(), StringComparison.Ordinal);
    }

    /// <summary>A fake clock that runs a hook once, right after the first reading taken once it is set (another thread's call landing there).</summary>
    private sealed class HookedClock() : FakeTimeProvider(TestSdk.Start)
    {
        public Action? Hook;

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            Interlocked.Exchange(ref Hook, null)?.Invoke();
            return now;
        }
    }
}
