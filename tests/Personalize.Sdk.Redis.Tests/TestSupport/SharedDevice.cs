using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>The steps of the shared-device tests: one device, alice's and bob's accounts, two servers.</summary>
internal static class SharedDevice
{
    /// <summary>Writes leave only when a test flushes them, so the order Redis takes them in is the test's.</summary>
    public static void HeldWrites(RedisPersonalizationOptions options) => options.FlushInterval = TimeSpan.FromMinutes(1);

    /// <summary>The device browses and alice buys on <paramref name="a"/>, bob buys on <paramref name="b"/>; each server has read the other's.</summary>
    public static async Task BrowsedWithTwoAccountsAsync(AppServer a, AppServer b)
    {
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await b.CatchUpAsync();
        await b.RecallsEndedAsync();
        b.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await b.FlushAsync();
        await a.CatchUpAsync();
        await a.RecallsEndedAsync();
    }

    /// <summary>
    /// The device signs in to alice on <paramref name="a"/>, and bob buys there; then, while alice
    /// keeps shopping, the device's claim in Redis lapses (deleted, as Redis does at its expiry: real
    /// time cannot be faked in Redis), and the device signs in to bob on <paramref name="c"/>, which
    /// let everyone go: Redis then lists the device under alice's keys and links it to bob.
    /// </summary>
    public static async Task ClaimLapsedThenSignedInToBobAsync(RedisServer redis, AppServer a, AppServer c)
    {
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("bob", "books-3", 1, 20m));
        await a.FlushAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();

        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        await using (var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var database = client.GetDatabase();
            Assert.Contains((RedisValue)"device", await database.SetMembersAsync(records.Aliases("alice")));
            Assert.True(await database.KeyDeleteAsync(records.StitchedTo("device")));
        }

        await c.CatchUpAsync();
        c.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(IdentifyResult.Stitched, c.Personalizer.Identify("device", "bob"));
        await c.FlushAsync();
        await c.RecallsEndedAsync();
        await c.CatchUpAsync();
        await c.RecallsEndedAsync();
        await a.CatchUpAsync();
    }

    /// <summary>On <paramref name="a"/>: the device signs in to old-account, which is then merged into alice (device -> old-account -> alice), each change sent; each of <paramref name="readers"/> reads it.</summary>
    public static async Task MergedAccountChainAsync(AppServer a, params AppServer[] readers)
    {
        a.Personalizer.Track(PersonalizationEvent.View("device", "coffee-1"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "old-account"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("old-account", "hiking-1", 1, 30m));
        await a.FlushAsync();
        await a.FlushAsync();
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("old-account", "alice"));
        a.Personalizer.Track(PersonalizationEvent.Purchase("alice", "coffee-2", 1, 9m));
        await a.FlushAsync();
        await a.FlushAsync();
        var alice = a.Personalizer.GetPersonalData("alice");
        Assert.Contains("device", alice.LinkedKeys);
        Assert.Contains("old-account", alice.LinkedKeys);
        foreach (var reader in readers)
        {
            await reader.CatchUpAsync();
            await reader.RecallsEndedAsync();
        }
    }

    /// <summary>The changes Redis holds in <paramref name="person"/>'s records, as text (item keys read plainly in them).</summary>
    public static async Task<List<string>> StoredRecordsAsync(RedisServer redis, string person)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var records = await connection.GetDatabase().ListRangeAsync(new RedisKeys("personalize").Person(person, "records"));
        return [.. records.Select(static record => Encoding.UTF8.GetString((byte[])record!))];
    }
}
