using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A recall in flight when the person is let go, or when a stitch links a key, must not
/// cost the person records Redis holds (docs/scaling.md, "People a server does not hold").
/// </summary>
public sealed class RecallLossTests
{
    [RedisFact]
    public async Task The_person_evicted_while_their_guest_keys_recall_is_in_flight_comes_back_with_the_guests_records()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        RecallRaceServers.GuestSignsIn(a, "guest", "shopper");
        await RecallRaceServers.HistoryThenEvictAsync(a, b, "shopper");

        // The shopper's recall links the guest key and queues its recall: that fetch is held.
        var recall = b.Recall();
        var guestHeld = new TaskCompletionSource();
        void HoldNext()
        {
            recall.RecordsFetched -= HoldNext;
            recall.FetchesHeldUntil = guestHeld.Task;
        }

        recall.RecordsFetched += HoldNext;
        b.Top("shopper");
        for (var i = 0; i < 100 && !recall.QueuedKeys.Contains("guest") && recall.Pending < 2; i++)
        {
            await b.NextFetched().WaitAsync(TimeSpan.FromMilliseconds(100)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        // Let go while the guest's fetch is in flight.
        for (var i = 0; i < 30; i++)
        {
            b.Time.Advance(TimeSpan.FromSeconds(2));
            b.Personalizer.Track(PersonalizationEvent.ConsentGiven($"later-{i}", ConsentFlags.Personalization));
            b.Personalizer.Track(PersonalizationEvent.View($"later-{i}", "coffee-3"));
        }

        await b.ProfileMaintenance;
        Assert.False(RecallRaceServers.HoldsProfile(b, "shopper"), "evicted");

        guestHeld.SetResult();
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();

        // Back again: the person on B has what A holds, guest's views included.
        b.Top("shopper");
        await b.RecallsEndedAsync();
        var held = b.PersonalData("shopper");
        Assert.Contains("coffee-1", held, StringComparison.Ordinal);
        Assert.Contains("books-2", held, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_guest_first_seen_empty_then_signed_in_elsewhere_is_recalled_with_the_person_within_the_minute()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);

        // A first-time visitor on B: Redis has nothing of them, remembered for a minute.
        b.Top("guest");
        await b.RecallsEndedAsync();
        Assert.Contains("guest", b.Recall().RememberedEmpty);

        // They browse on A and sign in there; B reads it all.
        RecallRaceServers.GuestSignsIn(a, "guest", "shopper");
        a.Personalizer.Track(PersonalizationEvent.Purchase("shopper", "books-2", 1, 12m));
        await a.FlushAsync();
        await b.CatchUpAsync();
        Assert.Contains("coffee-1", b.PersonalData("shopper"), StringComparison.Ordinal);

        // B lets the person go (a busy server), within seconds: more people until the store has let
        // them go (the others' own recalls may keep a pass from reaching them the first time).
        for (var round = 0; round < 5 && RecallRaceServers.HoldsProfile(b, "shopper"); round++)
        {
            for (var i = 0; i < 30; i++)
            {
                b.Time.Advance(TimeSpan.FromMilliseconds(200));
                b.Personalizer.Track(PersonalizationEvent.ConsentGiven($"other-{round}-{i}", ConsentFlags.Personalization));
                b.Personalizer.Track(PersonalizationEvent.View($"other-{round}-{i}", "coffee-3"));
            }

            await b.ProfileMaintenance;
            await b.RecallsEndedAsync();
            await b.ProfileMaintenance;
        }

        b.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(RecallRaceServers.HoldsProfile(b, "shopper"), "evicted");

        // The person returns to B: recalled with the guest key, whose own records Redis holds.
        b.Top("shopper");
        await b.RecallsEndedAsync();
        await b.CatchUpAsync();
        Assert.Equal(IdentifyResult.AlreadyStitched, b.Personalizer.Identify("guest", "shopper"));

        // Held as on A: the guest's views are the person's there.
        Assert.Contains("coffee-1", a.PersonalData("shopper"), StringComparison.Ordinal);
        var held = b.PersonalData("shopper");
        Assert.Contains("books-2", held, StringComparison.Ordinal);
        Assert.Contains("coffee-1", held, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_recall_that_failed_while_redis_dropped_is_retried_though_an_event_made_the_profile()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10, o => o.OperationTimeout = TimeSpan.FromSeconds(1));
        await RecallRaceServers.HistoryThenEvictAsync(a, b, "shopper");

        // The person's event makes their profile on B and reports them missing; Redis drops before the fetch.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "hiking-1"));
        var restored = b.WhenRestored();
        await redis.KillAsync();
        release.SetResult();
        await b.RecallsEndedAsync();

        await redis.StartProcessAsync();
        await restored.WaitAsync(TimeSpan.FromSeconds(30));

        // Their next decisions: the history Redis holds comes back.
        b.Top("shopper");
        await b.RecallsEndedAsync();
        b.Top("shopper");
        await b.RecallsEndedAsync();
        Assert.Contains("books-2", b.PersonalData("shopper"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_decision_and_an_access_request_recalling_the_same_person_at_once_fetch_once_and_report_the_history()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        await RecallRaceServers.HistoryThenEvictAsync(a, b, "shopper");

        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        var decisions = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                b.Top("shopper");
            }
        });
        var report = Task.Run(() => b.Personalizer.GetPersonalDataAsync("shopper"));
        await decisions;
        release.SetResult();
        var data = await report.WaitAsync(TimeSpan.FromSeconds(30));
        await b.RecallsEndedAsync();

        Assert.Contains("books-2", data.ToJson(), StringComparison.Ordinal);
        Assert.Contains("books-2", b.PersonalData("shopper"), StringComparison.Ordinal);
        // Fetched and added once: the history counted once, as on A.
        static string? Count(AppServer server) => System.Text.Json.Nodes.JsonNode.Parse(server.PersonalData("shopper"))!["profile"]?["eventCount"]?.ToJsonString();
        Assert.Equal(Count(a), Count(b));
    }
}
