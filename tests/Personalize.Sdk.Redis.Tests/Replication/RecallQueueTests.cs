using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The queue of people waiting to be recalled stays bounded and keeps no erased person's key when
/// nothing drains it: on a bare provider, which fetches nothing, and on a host whose Redis is away,
/// it holds at most <see cref="ProfileRecall.MaxWaiting"/> and drops the key of anyone let go or erased.
/// </summary>
public sealed class RecallQueueTests
{
    private const int People = 30_000;

    [RedisFact]
    public async Task A_bare_provider_which_reads_nothing_back_keeps_its_queue_bounded_and_no_released_key()
    {
        await using var redis = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddPersonalization(o => o.MaxProfiles = 100).AddCatalog(AppServer.Catalog).AddRedis(o => o.Configuration = redis.Configuration);
        await using var provider = services.BuildServiceProvider();
        var personalizer = (Sdk.Personalizer)provider.GetRequiredService<IPersonalizer>();
        await provider.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        await TrackManyAsync(personalizer, "bare");

        // Nothing fetches: the queue stops at its bound, and keeps the keys of the people still held alone.
        var recall = provider.GetRequiredService<ProfileRecall>();
        Assert.Equal(ProfileRecall.MaxWaiting, recall.Queued);
        Assert.InRange(recall.QueuedKeys.Count(key => key is not null), 0, 100);
    }

    [RedisFact]
    public async Task While_redis_is_away_the_queue_stays_bounded_and_keeps_no_erased_key()
    {
        await using var redis = RedisServer.Reserve(); // never started: away from the start
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(o => o.MaxProfiles = 100).AddCatalog(AppServer.Catalog).AddRedis(o =>
        {
            o.Configuration = redis.Configuration;
            o.ShutdownFlushTimeout = TimeSpan.Zero;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var personalizer = (Sdk.Personalizer)host.Services.GetRequiredService<IPersonalizer>();
        var recall = host.Services.GetRequiredService<ProfileRecall>();

        personalizer.Track(PersonalizationEvent.View("alice@example.com", "coffee-1"));
        Assert.Contains("alice@example.com", recall.QueuedKeys);
        Assert.True(personalizer.Forget("alice@example.com"));
        Assert.DoesNotContain("alice@example.com", recall.QueuedKeys);

        await TrackManyAsync(personalizer, "away");

        // Past the bound people are dropped (fetched when next missing): the queue keeps its first
        // ten thousand, and of those the keys of the people still held alone.
        Assert.Equal(ProfileRecall.MaxWaiting, recall.Queued);
        Assert.InRange(recall.QueuedKeys.Count(key => key is not null), 0, 100);
        await host.StopAsync();
    }

    private static async Task TrackManyAsync(Sdk.Personalizer personalizer, string prefix)
    {
        for (var person = 0; person < People; person++)
        {
            personalizer.Track(PersonalizationEvent.View($"{prefix}-{person}", "coffee-1"));
            if (person % 1_000 == 999)
            {
                await personalizer.ProfileMaintenance;
            }
        }

        await personalizer.ProfileMaintenance;
    }
}
