using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// docs/scaling.md: "A person Redis has nothing of (a first-time visitor) is remembered as such for
/// a minute": then forgotten, on a quiet server too, not kept until 100,000 accumulate. A visitor
/// without consent is looked up as well (they may have consented on another server).
/// </summary>
public sealed class EmptyRecallMemoryTests
{
    [RedisFact]
    public async Task A_visitor_Redis_has_nothing_of_is_remembered_for_a_minute_not_for_good()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.DefaultConsent = ConsentFlags.None);
        var recall = a.Host.Services.GetRequiredService<ProfileRecall>();
        a.Personalizer.Track(PersonalizationEvent.View("visitor-ed", "books-1"));
        await a.RecallsEndedAsync();
        Assert.Contains("visitor-ed", recall.RememberedEmpty);

        // Within the minute the visitor is not looked up again.
        a.Time.Advance(TimeSpan.FromSeconds(59));
        a.Personalizer.Track(PersonalizationEvent.View("visitor-ed", "books-2"));
        Assert.Equal(0, recall.Pending);
        Assert.Contains("visitor-ed", recall.RememberedEmpty);

        a.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.DoesNotContain("visitor-ed", recall.RememberedEmpty);
    }
}
