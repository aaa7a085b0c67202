using System.Text.Json.Nodes;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>Review of GetPersonalDataAsync with Redis: what a data-access request reports of a person the server does not hold.</summary>
public sealed class AccessRequestChainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

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
    public async Task A_guest_key_stitched_on_another_server_brings_its_records_into_the_report_of_a_server_that_let_the_person_go_idle()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.ProfileIdleExpiration = TimeSpan.FromHours(1));
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        a.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "ada"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("ada", "books-2", 1, 12m));
        a.Time.Advance(TimeSpan.FromMinutes(1));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        Assert.Contains("coffee-2", b.Personalizer.GetPersonalData("ada").ToJson(), StringComparison.Ordinal);

        b.Time.SetUtcNow(a.Time.GetUtcNow() + TimeSpan.FromHours(2));
        a.Time.SetUtcNow(b.Time.GetUtcNow());
        Assert.Null(b.Personalizer.GetPersonalData("ada").Profile);
        var report = await b.Personalizer.GetPersonalDataAsync("ada").WaitAsync(Patience);

        Assert.Equal(["ada", "guest"], report.LinkedKeys.Order(StringComparer.Ordinal));
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

    /// <summary>The report as any server holding the person gives it: without when it was made, or the showings (a server's own decisions).</summary>
    private static string Shared(Reporting.PersonalData data)
    {
        var json = JsonNode.Parse(data.ToJson())!.AsObject();
        json.Remove("generatedAt");
        (json["profile"] as JsonObject)?.Remove("showings");
        json["linkedKeys"] = new JsonArray([.. data.LinkedKeys.Order(StringComparer.Ordinal).Select(key => JsonValue.Create(key))]);
        return json.ToJsonString();
    }
}
