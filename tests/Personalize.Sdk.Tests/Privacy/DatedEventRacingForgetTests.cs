using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>README: an event with "a timestamp at or before an erasure of its user made within the last five minutes" is not applied.</summary>
public sealed class DatedEventRacingForgetTests
{
    // Forget runs between Personalizer.Track's guard check and EventPipeline.Apply's read of the erasure log.
    [Fact]
    public void Forget_between_the_guard_check_and_the_event_does_not_bring_back_a_person_with_a_profile()
    {
        var clock = new RacingClock(TestSdk.Start);
        using var sdk = new TestSdk(time: clock);
        sdk.View("user", "books-1");
        var dated = clock.GetUtcNow() - TimeSpan.FromSeconds(1);
        var forgot = false;

        // The next clock read is EventPipeline.Apply's own, after the guard let the event through.
        clock.Race = () => forgot = sdk.Personalizer.Forget("user");
        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-2") with { Timestamp = dated });

        Assert.True(forgot);
        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty); // fails: a new profile holds the event
    }

    // Forget runs inside ApplyToProfile (the existing test seam) for a person held only by the ledger.
    [Fact]
    public void Forget_during_an_event_dated_before_it_of_a_person_without_a_profile_leaves_nothing()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        var dated = sdk.Time.GetUtcNow() - TimeSpan.FromSeconds(1);
        sdk.Rank("user", 3); // measured in the holdout: the ledger holds the person, no profile yet

        personalizer.Events.RaceBeforeProfileWrite = () => Assert.True(sdk.Personalizer.Forget("user"));
        sdk.Personalizer.Track(PersonalizationEvent.Click("user", "books-2") with { Timestamp = dated });

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty);   // fails: profile with 1 event
        Assert.Empty(personalizer.StructuresHolding("user"));             // would fail: "profile store"
    }

    // No seams: one thread tracks dated events of the person for as long as another's Forget of them
    // runs, so some event is in flight at every point of the erasure.
    [Fact]
    public async Task Forget_racing_events_dated_before_it_never_leaves_a_profile_behind()
    {
        const int Iterations = 5_000;
        var resurrected = 0;
        using var sdk = new TestSdk();
        var dated = sdk.Time.GetUtcNow() - TimeSpan.FromSeconds(1);
        for (var i = 0; i < Iterations; i++)
        {
            var user = $"user-{i}";
            sdk.View(user, "books-1");
            var forgotten = 0;
            using var barrier = new Barrier(2);
            var forget = Task.Run(() =>
            {
                barrier.SignalAndWait();
                sdk.Personalizer.Forget(user);
                Volatile.Write(ref forgotten, 1);
            });
            var track = Task.Run(() =>
            {
                barrier.SignalAndWait();
                while (Volatile.Read(ref forgotten) == 0)
                {
                    sdk.Personalizer.Track(PersonalizationEvent.View(user, "books-2") with { Timestamp = dated });
                }
            });
            await Task.WhenAll(forget, track);
            if (!sdk.Personalizer.GetPersonalData(user).IsEmpty)
            {
                resurrected++;
            }
        }

        Assert.Equal(0, resurrected);
    }

    // What the undo may take back is the event in flight, never what was tracked after Forget returned.
    [Fact]
    public void An_event_in_flight_across_a_Forget_leaves_an_event_tracked_after_it_in_place()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            sdk.Personalizer.Forget("user");
            sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-3"));
        };

        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-2"));

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        var recent = sdk.Personalizer.GetPersonalData("user").Profile?.RecentItems.Select(item => item.ItemKey);
        Assert.Equal(["books-3"], recent);
    }

    [Fact]
    public void An_event_in_flight_across_a_Forget_leaves_a_guest_who_signed_in_after_it_whole()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "kitchen-1", "kitchen-2");
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            sdk.Personalizer.Forget("user");
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "user"));
        };

        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-2"));

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(2, sdk.Personalizer.GetPersonalData("user").Profile?.EventCount);
        Assert.Equal(["user", "guest"], sdk.Personalizer.GetPersonalData("guest").LinkedKeys);
    }

    // The erasure log's "perhaps" (an entry pushed out by 256 later erasures) is judged by an erasure
    // that arrived during the event's flight, not by one the guard holds from before it began.
    [Fact]
    public void A_perhaps_verdict_keeps_an_account_rebuilt_after_an_older_erasure()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("acct", "books-1");
        Assert.True(sdk.Personalizer.Forget("acct"));
        var erasedAt = sdk.Time.GetUtcNow();
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("acct", "books-2", "books-3");
        var bucket = Sdk.Engine.ErasureLog.BucketOf("acct");
        var collider = Enumerable.Range(0, 1_000_000).Select(i => $"other-{i}")
            .First(k => Sdk.Engine.ErasureLog.BucketOf(k) == bucket && bucket != Sdk.Engine.ErasureLog.BucketOf("guest"));
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "acct"));
            sdk.Personalizer.Forget(collider);
            for (var i = 0; i < 256; i++)
            {
                sdk.Personalizer.Forget($"bulk-{i}");
            }
        };

        sdk.Personalizer.Track(PersonalizationEvent.View("guest", "books-4") with { Timestamp = erasedAt - TimeSpan.FromSeconds(1) });

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(3, sdk.Personalizer.GetPersonalData("acct").Profile?.EventCount);
    }

    [Fact]
    public void An_event_in_flight_across_a_Forget_keeps_a_withdrawal_stated_after_it_returned()
    {
        using var sdk = new TestSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(1), build: builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.Rank("user", 3);
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            Assert.True(sdk.Personalizer.Forget("user"));

            // After Forget returned: a withdrawal, kept apart when the profile it made goes idle.
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
            sdk.Time.Advance(TimeSpan.FromMinutes(2));
        };

        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-2"));

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetPersonalData("user").Consent);
        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-3"));
        Assert.Null(sdk.Personalizer.GetPersonalData("user").Profile);
    }

    [Fact]
    public void A_guests_event_in_flight_across_a_Forget_of_the_account_they_sign_in_to_afterwards_is_kept()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("account", "books-1");
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            Assert.True(sdk.Personalizer.Forget("account"));
            sdk.Personalizer.Identify("guest", "account");
        };

        sdk.Personalizer.Track(PersonalizationEvent.View("guest", "books-2"));

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("guest").Profile?.EventCount);
    }

    private sealed class RacingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public Action? Race;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Exchange(ref Race, null)?.Invoke();
            return base.GetUtcNow();
        }
    }
}
