using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Review;

/// <summary>
/// Review (fixes3): docs/scaling.md still says "At most 10,000 people wait to be recalled; past that
/// they are dropped, counted and logged (a data-access request's recall excepted)", but since the
/// fix "a recall's linked keys are now queued past the limit too" (CHANGELOG), for any recall,
/// a decision's included.
/// </summary>
public sealed class Fixes3LinkedRecallLimitTests
{
    [RedisFact]
    public async Task A_full_recall_queue_takes_no_more_people_than_the_documented_limit_when_a_recall_links_keys()
    {
        await using var redis = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddPersonalization(o => o.MaxProfiles = 100).AddCatalog(AppServer.Catalog).AddRedis(o => o.Configuration = redis.Configuration);
        await using var provider = services.BuildServiceProvider();
        var personalizer = (Sdk.Personalizer)provider.GetRequiredService<IPersonalizer>();
        await provider.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var recall = provider.GetRequiredService<ProfileRecall>();

        for (var person = 0; person < ProfileRecall.MaxWaiting + 10; person++)
        {
            personalizer.Track(PersonalizationEvent.View($"visitor-{person}", "coffee-1"));
            if (person % 1_000 == 999)
            {
                await personalizer.ProfileMaintenance;
            }
        }

        await personalizer.ProfileMaintenance;
        Assert.Equal(ProfileRecall.MaxWaiting, recall.Queued);

        // A decision's recall of a person (not a data-access request) comes back with three devices linked to them.
        ((Engine.IReplica)personalizer).ApplyRecalled("ada", ["ada-phone", "ada-laptop", "ada-tablet"], []);

        Assert.True(
            recall.Queued <= ProfileRecall.MaxWaiting,
            $"docs/scaling.md: at most {ProfileRecall.MaxWaiting:N0} people wait to be recalled (a data-access request's recall excepted); {recall.Queued:N0} wait: {string.Join(", ", recall.QueuedKeys.Where(k => k is not null && !k.StartsWith("visitor-", StringComparison.Ordinal)))}");
    }
}
