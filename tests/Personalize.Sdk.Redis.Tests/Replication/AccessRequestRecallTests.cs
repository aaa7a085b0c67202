using System.Text.Json.Nodes;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A data-access request on a server that does not hold the person (let go when idle, or never
/// seen since it started) reports what Redis still holds of them: <c>GetPersonalDataAsync</c>
/// recalls them first, while <c>GetPersonalData</c> reports this server's memory only, as documented.
/// </summary>
public sealed class AccessRequestRecallTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [RedisFact]
    public async Task A_server_that_let_the_person_go_reports_what_redis_still_holds_of_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await using var b = await AppServer.StartAsync(redis);
        await LetGoWhenIdleAsync(a, b);
        Assert.True(a.Personalizer.GetPersonalData("ada").IsEmpty, "the synchronous report covers this server's memory only");
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            Assert.True(await connection.GetDatabase().ListLengthAsync(new RedisKeys("personalize").Person("ada", "records")) > 0);
        }

        var report = await a.Personalizer.GetPersonalDataAsync("ada");

        Assert.False(report.IsEmpty);
        Assert.Contains("guest", report.LinkedKeys);
        Assert.Equal(Shared(b.Personalizer.GetPersonalData("ada")), Shared(report));
    }

    [RedisFact]
    public async Task Asking_by_a_guest_key_recalls_the_person_it_was_stitched_to()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await using var b = await AppServer.StartAsync(redis);
        await LetGoWhenIdleAsync(a, b);
        var report = await a.Personalizer.GetPersonalDataAsync("guest");

        Assert.Equal(["ada", "guest"], report.LinkedKeys.Order(StringComparer.Ordinal));
        Assert.Equal(Shared(b.Personalizer.GetPersonalData("ada")), Shared(report, userKey: "ada"));
    }

    [RedisFact]
    public async Task A_server_started_after_the_person_last_came_reports_them_from_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await SignedInShopperAsync(a);
        await using var later = await AppServer.StartAsync(redis);
        later.Time.SetUtcNow(a.Time.GetUtcNow());

        var report = await later.Personalizer.GetPersonalDataAsync("ada");

        Assert.Contains("books-2", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal(Shared(a.Personalizer.GetPersonalData("ada")), Shared(report));
    }

    [RedisFact]
    public async Task After_an_erasure_on_another_server_the_report_is_empty()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await SignedInShopperAsync(a);
        await b.CatchUpAsync();
        b.Time.Advance(TimeSpan.FromHours(2));

        a.Personalizer.Forget("ada");
        await a.FlushAsync();
        await b.CatchUpAsync();

        Assert.True((await b.Personalizer.GetPersonalDataAsync("guest")).IsEmpty);
        Assert.True((await b.Personalizer.GetPersonalDataAsync("ada")).IsEmpty);
    }

    [RedisFact]
    public async Task A_cancelled_wait_for_redis_ends_the_request_without_a_report()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var later = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await SignedInShopperAsync(a);

        // Caught up and let go when idle before the wait is held: otherwise the journal's tail, or a
        // recall it started, could bring the person here while the request runs.
        await later.CatchUpAsync();
        await later.RecallsEndedAsync();
        await later.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.True(later.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");
        var release = new TaskCompletionSource();
        later.HoldRecalls(release.Task);
        using var cancellation = new CancellationTokenSource();

        var pending = later.Personalizer.GetPersonalDataAsync("ada", cancellation.Token);
        Assert.False(pending.IsCompleted, "the person is not held here: the report waits for Redis");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        release.SetResult();
    }

    [RedisFact]
    public async Task A_device_stitched_to_a_guest_who_then_signed_in_is_in_the_report_of_a_server_that_recalls_the_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("device", "hiking-1"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "guest"));
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "ada"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        a.Time.Advance(TimeSpan.FromMinutes(1));
        await a.FlushAsync();
        Assert.Equal(["ada", "device", "guest"], a.Personalizer.GetPersonalData("ada").LinkedKeys.Order(StringComparer.Ordinal));

        await using var b = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        b.Time.SetUtcNow(a.Time.GetUtcNow() + TimeSpan.FromHours(2));
        a.Time.SetUtcNow(b.Time.GetUtcNow());
        Assert.True(b.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");

        var report = await b.Personalizer.GetPersonalDataAsync("ada").WaitAsync(Patience);

        Assert.Equal(["ada", "device", "guest"], report.LinkedKeys.Order(StringComparer.Ordinal));
        Assert.Equal(Shared(a.Personalizer.GetPersonalData("ada")), Shared(report));
    }

    [RedisFact]
    public async Task An_access_request_while_the_recall_queue_is_full_waits_for_redis_instead_of_reporting_nothing()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        a.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        a.Time.Advance(TimeSpan.FromSeconds(10));
        await a.FlushAsync();
        await b.CatchUpAsync();
        b.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(b.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");

        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        for (var i = 0; i < ProfileRecall.MaxWaiting; i++)
        {
            b.Top($"visitor-{i}");
        }

        var pending = b.Personalizer.GetPersonalDataAsync("ada");
        release.SetResult();
        var report = await pending.WaitAsync(Patience);

        Assert.Contains("books-2", report.ToJson(), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task An_access_request_while_the_recall_queue_is_full_reports_the_records_of_the_keys_linked_to_the_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        a.Personalizer.Track(PersonalizationEvent.View("device", "hiking-1"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "ada"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        a.Time.Advance(TimeSpan.FromSeconds(10));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        Assert.Contains("hiking-1", b.Personalizer.GetPersonalData("ada").ToJson(), StringComparison.Ordinal);
        b.Time.Advance(TimeSpan.FromHours(2));
        Assert.True(b.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");

        // A busy server: the access request's recall first, then 10,000 people missing behind it.
        var release = new TaskCompletionSource();
        b.HoldRecalls(release.Task);
        var pending = b.Personalizer.GetPersonalDataAsync("ada");
        for (var i = 0; i < ProfileRecall.MaxWaiting; i++)
        {
            b.Top($"visitor-{i}");
        }

        release.SetResult();
        var report = await pending.WaitAsync(Patience);

        Assert.Contains("device", report.LinkedKeys);
        Assert.Contains("books-2", report.ToJson(), StringComparison.Ordinal);
        // The device's own records (its view before the sign-in) are the person's too.
        Assert.Contains("hiking-1", report.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A recall of one of a person's keys still in flight when the person is let go (a slow Redis,
    /// or a busy server) ends with the eviction, as the person's own does: left running, it would
    /// stand in for the fresh recall the key needs when the person comes back, and what it fetched
    /// while this server held the key's records would never bring them into the new profile.
    /// </summary>
    [RedisFact]
    public async Task An_eviction_ends_the_recalls_in_flight_for_every_key_of_the_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        a.HoldRecalls(release.Task);
        await SignedInShopperAsync(a);
        Assert.True(a.RecallsPending > 0, "a new visitor and the key they sign in with are looked up in Redis");

        await a.LetIdleGoAsync(TimeSpan.FromHours(2));
        var pending = a.RecallsPending;
        release.SetResult();

        Assert.Equal(0, pending);
    }

    [RedisFact]
    public async Task A_person_asked_for_after_recalls_in_flight_at_their_eviction_ended_is_reported_whole()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        var release = new TaskCompletionSource();
        a.HoldRecalls(release.Task);
        await SignedInShopperAsync(a);
        var whole = a.Personalizer.GetPersonalData("ada").ToJson();
        await a.LetIdleGoAsync(TimeSpan.FromHours(2));
        Assert.True(a.Personalizer.GetPersonalData("ada").IsEmpty, "let go when idle");

        release.SetResult();
        var report = await a.Personalizer.GetPersonalDataAsync("ada").WaitAsync(Patience);

        Assert.Contains("coffee-2", report.ToJson(), StringComparison.Ordinal);
        Assert.Equal("guest", report.Profile?.HoldoutUnit);
        Assert.Contains("coffee-2", whole, StringComparison.Ordinal);
    }

    /// <summary>The shopper signs in on <paramref name="a"/>, <paramref name="b"/> reads it, and two hours later <paramref name="a"/> (idle after one) has let them go.</summary>
    private static async Task LetGoWhenIdleAsync(AppServer a, AppServer b)
    {
        await SignedInShopperAsync(a);
        await b.CatchUpAsync();

        // Nothing in flight when A lets the person go: a recall from the sign-in landing late on a
        // busy machine would bring them back, and the report would not be a recall's.
        await a.RecallsEndedAsync();
        await b.RecallsEndedAsync();
        a.Time.Advance(TimeSpan.FromHours(2));
        b.Time.SetUtcNow(a.Time.GetUtcNow());
    }

    /// <summary>A guest who viewed, signed in as "ada" and bought; shared through Redis.</summary>
    private static async Task SignedInShopperAsync(AppServer server)
    {
        server.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, server.Personalizer.Identify("guest", "ada"));
        server.Personalizer.Track(PersonalizationEvent.View("ada", "books-1"));
        server.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        server.Time.Advance(TimeSpan.FromMinutes(1));
        await server.FlushAsync();
    }

    /// <summary>
    /// The report as any server holding the person gives it: without when it was made, the
    /// frequency-cap showings (a server's own decisions) or the key asked by.
    /// </summary>
    private static string Shared(Reporting.PersonalData data, string? userKey = null)
    {
        var json = JsonNode.Parse(data.ToJson())!.AsObject();
        json.Remove("generatedAt");
        (json["profile"] as JsonObject)?.Remove("showings");
        if (userKey is not null)
        {
            json["userKey"] = userKey;
        }

        json["linkedKeys"] = new JsonArray([.. data.LinkedKeys.Order(StringComparer.Ordinal).Select(key => JsonValue.Create(key))]);
        return json.ToJsonString();
    }
}
