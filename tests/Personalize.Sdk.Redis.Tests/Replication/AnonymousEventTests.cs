using System.Text;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>An event recorded without consent puts nothing about the person in Redis, yet still counts on the other servers.</summary>
public sealed class AnonymousEventTests
{
    [RedisFact]
    public async Task An_event_without_consent_puts_no_user_key_in_any_redis_key_or_journal_entry_and_still_counts_on_other_servers()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.DefaultConsent = ConsentFlags.None);
        await using var b = await AppServer.StartAsync(redis, o => o.DefaultConsent = ConsentFlags.None);
        a.Personalizer.Track(PersonalizationEvent.View("no-consent-person", "books-1"));
        await a.FlushAsync();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var database = connection.GetDatabase();
        var needle = Encoding.UTF8.GetBytes("no-consent-person");
        var entries = await database.StreamRangeAsync(new RedisKeys("personalize").Journal);
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            Assert.All(entry.Values, field => Assert.Equal(-1, ((byte[])field.Value!).AsSpan().IndexOf(needle)));
        }

        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: "*").Select(key => key.ToString()).ToArray();
        Assert.DoesNotContain(keys, key => key.Contains("no-consent-person", StringComparison.Ordinal));

        // The placeholder key replays as the same anonymous event: the item's statistics count it.
        await b.CatchUpAsync();
        Assert.True(Popularity(b) > 0);
        Assert.Equal(Popularity(a), Popularity(b));
    }

    // Items are indexed in catalog order.
    private static double Popularity(AppServer server) =>
        ((Sdk.Personalizer)server.Personalizer).Statistics.Popularity[Array.FindIndex(AppServer.Catalog, item => item.Key == "books-1")];
}
