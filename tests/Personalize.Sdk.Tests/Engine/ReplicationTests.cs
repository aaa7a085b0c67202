using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// The state seam a shared store replicates through: what one server journals, applied to
/// another server's replica, gives it the same profiles, statistics, identity and measurement as
/// one server that saw everything.
/// </summary>
public sealed class ReplicationTests : IDisposable
{
    private readonly LoopbackJournal _journalA = new();
    private readonly LoopbackJournal _journalB = new();
    private readonly TestSdk _a;
    private readonly TestSdk _b;

    public ReplicationTests()
    {
        _a = Server(_journalA);
        _b = Server(_journalB);
    }

    [Fact]
    public void An_event_tracked_on_one_server_is_seen_by_a_decision_on_the_other()
    {
        Assert.NotEqual("kitchen-1", _b.TopKeys("visitor", 1)[0]);

        _a.View("visitor", "kitchen-1", "kitchen-1");
        Exchange();

        Assert.Equal(_a.TopKeys("visitor"), _b.TopKeys("visitor"));
        Assert.Equal(PersonalDataOf(_a, "visitor"), PersonalDataOf(_b, "visitor"));
    }

    [Fact]
    public void Events_for_one_person_on_two_servers_both_land_on_both()
    {
        // Concurrent within the propagation delay: neither server has seen the other's event.
        _a.View("visitor", "kitchen-1");
        _b.Time.Advance(TimeSpan.FromSeconds(1));
        _b.Personalizer.Track(PersonalizationEvent.Purchase("visitor", "hiking-1", 1, 120m));
        Exchange();
        _a.Time.Advance(TimeSpan.FromSeconds(1));

        var onA = PersonalDataOf(_a, "visitor");
        Assert.Equal(onA, PersonalDataOf(_b, "visitor"));
        Assert.Contains("kitchen-1", onA, StringComparison.Ordinal);
        Assert.Contains("hiking-1", onA, StringComparison.Ordinal);
    }

    [Fact]
    public void Statistics_converge_to_what_one_server_holds_for_the_same_events()
    {
        using var single = Server(new LoopbackJournal());
        string[][] traffic = [["u1", "kitchen-1"], ["u2", "kitchen-1"], ["u3", "hiking-1"], ["u4", "hiking-2"], ["u5", "kitchen-1"]];
        for (var i = 0; i < traffic.Length; i++)
        {
            (i % 2 == 0 ? _a : _b).View(traffic[i][0], traffic[i][1]);
            single.View(traffic[i][0], traffic[i][1]);
        }

        Exchange();

        var expected = single.Personalizer.Rank(new PersonalizationRequest("newcomer") { Count = 8 }).Items.ToArray();
        foreach (var server in new[] { _a, _b })
        {
            var actual = server.Personalizer.Rank(new PersonalizationRequest("newcomer") { Count = 8 }).Items.ToArray();
            Assert.Equal(expected.Select(item => item.ItemKey), actual.Select(item => item.ItemKey));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 5));
        }
    }

    [Fact]
    public void The_lift_report_on_either_server_is_the_report_of_all_traffic()
    {
        using var single = Server(new LoopbackJournal());
        for (var i = 0; i < 40; i++)
        {
            var server = i % 2 == 0 ? _a : _b;
            var unit = $"unit-{i}";
            foreach (var sdk in new[] { server, single })
            {
                sdk.Rank(unit, 4);
                if (i % 3 == 0)
                {
                    sdk.Personalizer.Track(PersonalizationEvent.Purchase(unit, "hiking-2", 1, 10m + i));
                }
            }
        }

        Exchange();

        var expected = LiftOf(single);
        Assert.Equal(expected, LiftOf(_a));
        Assert.Equal(expected, LiftOf(_b));
        Assert.Contains("\"exposedUnits\":", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_and_forget_reach_every_server()
    {
        _a.View("guest", "kitchen-1");
        Exchange();
        Assert.Equal(IdentifyResult.Stitched, _a.Personalizer.Identify("guest", "alice"));
        Exchange();

        Assert.Contains("kitchen-1", PersonalDataOf(_b, "alice"), StringComparison.Ordinal);
        Assert.Contains("guest", _b.Personalizer.GetPersonalData("alice").LinkedKeys);

        _b.Personalizer.Forget("alice");
        Exchange();

        Assert.Empty(_a.Personalizer.GetPersonalData("guest").LinkedKeys);
        Assert.DoesNotContain("kitchen-1", PersonalDataOf(_a, "alice"), StringComparison.Ordinal);
        Assert.Equal(PersonalDataOf(_a, "alice"), PersonalDataOf(_b, "alice"));
    }

    [Fact]
    public void An_event_still_in_flight_when_the_person_was_erased_does_not_bring_them_back()
    {
        _a.View("guest", "kitchen-1");
        _b.Time.Advance(TimeSpan.FromSeconds(1));
        _b.Personalizer.Forget("guest");

        _journalA.DeliverTo(_b.Personalizer);
        Assert.DoesNotContain("kitchen-1", PersonalDataOf(_b, "guest"), StringComparison.Ordinal);

        // After the erasure, the key is a new person again.
        _b.Time.Advance(TimeSpan.FromSeconds(1));
        _a.Time.Advance(TimeSpan.FromSeconds(2));
        _a.View("guest", "hiking-1");
        _journalA.DeliverTo(_b.Personalizer);
        Assert.Contains("hiking-1", PersonalDataOf(_b, "guest"), StringComparison.Ordinal);
        Assert.DoesNotContain("kitchen-1", PersonalDataOf(_b, "guest"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_erasure_that_arrives_late_still_guards_against_events_tracked_before_it()
    {
        // A server catching up on the journal (after a restart, say) learns of the erasure ten minutes
        // after it was made; an event tracked before it that reaches that server next is still dropped.
        var journalC = new LoopbackJournal();
        using var c = Server(journalC);
        c.View("guest", "kitchen-1");
        _b.Time.Advance(TimeSpan.FromSeconds(1));
        _b.Personalizer.Forget("guest");

        _a.Time.Advance(TimeSpan.FromMinutes(10));
        _journalB.DeliverTo(_a.Personalizer);
        journalC.DeliverTo(_a.Personalizer);

        Assert.DoesNotContain("kitchen-1", PersonalDataOf(_a, "guest"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_replicated_change_is_not_journaled_again()
    {
        _a.View("visitor", "kitchen-1");
        _a.Personalizer.Identify("visitor", "bob");
        _a.Personalizer.Forget("carol");
        Assert.Equal(3, _journalA.Count);

        _journalA.DeliverTo(_b.Personalizer);

        Assert.Equal(0, _journalB.Count);
    }

    [Fact]
    public void An_event_recorded_anonymously_where_it_was_tracked_stays_anonymous_on_the_replica()
    {
        _a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("private"));
        _a.View("private", "kitchen-1");
        Exchange();

        Assert.DoesNotContain("kitchen-1", PersonalDataOf(_b, "private"), StringComparison.Ordinal);
        Assert.Equal(PersonalDataOf(_a, "private"), PersonalDataOf(_b, "private"));
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    private static TestSdk Server(LoopbackJournal journal) =>
        new(build: builder => builder.AddHoldout("global", basisPoints: 5_000).Services.AddSingleton<IChangeJournal>(journal));

    private static string PersonalDataOf(TestSdk server, string userKey) => server.Personalizer.GetPersonalData(userKey).ToJson();

    private static string LiftOf(TestSdk server) => server.Services.GetRequiredService<ILiftReporter>().GetReport("global").ToJson();

    private void Exchange()
    {
        _journalA.DeliverTo(_b.Personalizer);
        _journalB.DeliverTo(_a.Personalizer);
    }
}
