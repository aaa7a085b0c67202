using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>An access request's recall is queued past MaxWaiting, and so are the recalls of the keys it links to the person.</summary>
public sealed class AccessRecallLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

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
}
