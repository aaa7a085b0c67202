using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// An undated event in a Forget's own clock tick happens after it: it is dated a tick after the
/// erasure, so every server replaying it keeps it as the server that took it does.
/// </summary>
public sealed class SameTickErasureReviewTests
{
    private static TestSdk Server(LoopbackJournal journal) =>
        new(build: builder => builder.Services.AddSingleton<IChangeJournal>(journal));

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
}
