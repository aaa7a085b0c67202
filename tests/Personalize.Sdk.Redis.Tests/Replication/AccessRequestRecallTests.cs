using System.Text.Json.Nodes;
using Personalize.Sdk.Redis.Keys;
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
    [RedisFact]
    public async Task A_server_that_let_the_person_go_reports_what_redis_still_holds_of_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        await using var b = await AppServer.StartAsync(redis);
        await SignedInShopperAsync(a);
        await b.CatchUpAsync();

        a.Time.Advance(TimeSpan.FromHours(2));
        b.Time.SetUtcNow(a.Time.GetUtcNow());
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
        await SignedInShopperAsync(a);
        await b.CatchUpAsync();

        a.Time.Advance(TimeSpan.FromHours(2));
        b.Time.SetUtcNow(a.Time.GetUtcNow());
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
        await using var later = await AppServer.StartAsync(redis);
        await SignedInShopperAsync(a);
        var release = new TaskCompletionSource();
        later.HoldRecalls(release.Task);
        using var cancellation = new CancellationTokenSource();

        var pending = later.Personalizer.GetPersonalDataAsync("ada", cancellation.Token);
        Assert.False(pending.IsCompleted, "the person is not held here: the report waits for Redis");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        release.SetResult();
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
