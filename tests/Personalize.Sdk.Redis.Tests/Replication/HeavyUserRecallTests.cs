using System.Globalization;
using System.Text.Json.Nodes;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A person with more changes than their records keep (<see cref="PersonRecords.Limit"/>) is
/// recalled with what the guardrails and consent need, however old: stated preferences, purchases,
/// dismissals, the last complaint and the last consent. Only their long-run affinities lose what is
/// older than the records.
/// </summary>
public sealed class HeavyUserRecallTests
{
    private static readonly RedisKeys Keys = new("personalize");

    // Past the records' window, so each change made before these is older than all the records hold.
    private const int LaterViews = PersonRecords.Limit + 20;

    [RedisFact]
    public async Task Guardrail_changes_older_than_the_last_256_come_back_with_a_recalled_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("heavy", "hiking", likes: false));
        a.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("heavy", "books", likes: true));
        a.Personalizer.Track(PersonalizationEvent.Purchase("heavy", "books-2", 1, 12m));
        a.Personalizer.Track(PersonalizationEvent.Dismiss("heavy", "coffee-1"));
        a.Personalizer.Track(PersonalizationEvent.Complaint("heavy"));
        ViewMany(a, "heavy");
        await RecalledAsync(from: a, on: b, "heavy");

        // Every guardrail table as the server that held the person all along holds it.
        var held = Profile(a, "heavy");
        var recalled = Profile(b, "heavy");
        foreach (var table in new[] { "statedPreferences", "purchases", "dismissed", "lastComplaint" })
        {
            Assert.NotNull(held[table]);
            Assert.Equal(held[table]!.ToJsonString(), recalled[table]?.ToJsonString());
        }

        var shown = b.Personalizer.Rank(new PersonalizationRequest("heavy") { Count = AppServer.Catalog.Length }).Items.Select(item => item.ItemKey).ToArray();
        Assert.DoesNotContain(shown, key => key.StartsWith("hiking-", StringComparison.Ordinal));
        Assert.DoesNotContain("books-2", shown);
        Assert.DoesNotContain("coffee-1", shown);
    }

    [RedisFact]
    public async Task Consent_given_older_than_the_last_256_changes_still_holds_for_a_recalled_person()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis, o => o.DefaultConsent = ConsentFlags.None);
        await using var b = await AppServer.StartAsync(redis, o => (o.DefaultConsent, o.MaxProfiles) = (ConsentFlags.None, 10));
        a.Personalizer.Track(PersonalizationEvent.ConsentGiven("heavy", ConsentFlags.Personalization));
        ViewMany(a, "heavy");
        await RecalledAsync(from: a, on: b, "heavy");

        Assert.Equal(Profile(a, "heavy")["recentItems"]!.ToJsonString(), Profile(b, "heavy")["recentItems"]?.ToJsonString());
    }

    [RedisFact]
    public async Task What_is_kept_for_the_guardrails_is_bounded_and_erased_and_withdrawn_with_the_records()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        // The records hold the last 256 purchases; the 300 before them spill, the list keeps 256.
        for (var i = 0; i < PersonRecords.Limit + 300; i++)
        {
            a.Personalizer.Track(PersonalizationEvent.Purchase("buyer", AppServer.Catalog[i % AppServer.Catalog.Length].Key, 1, 1m));
        }

        a.Personalizer.Track(PersonalizationEvent.Dismiss("withdrawing", "coffee-1"));
        ViewMany(a, "withdrawing");
        a.Personalizer.Track(PersonalizationEvent.Dismiss("light", "coffee-1"));
        await a.FlushAsync();
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        Assert.Equal(PersonRecords.Limit, await database.ListLengthAsync(Keys.Person("buyer", "records")));
        Assert.Equal(ProfileData.PurchaseSlots, await database.ListLengthAsync(Keys.Person("buyer", "kept:purchases")));
        Assert.Equal(1, await database.ListLengthAsync(Keys.Person("withdrawing", "kept:dismissals")));
        Assert.False(await database.KeyExistsAsync(Keys.Person("light", "kept:dismissals"))); // in the records alone
        var lifetime = await database.KeyTimeToLiveAsync(Keys.Person("withdrawing", "kept:dismissals"));
        var recordsLifetime = await database.KeyTimeToLiveAsync(Keys.Person("withdrawing", "records"));
        Assert.True(lifetime is { } ttl && recordsLifetime is { } recordsTtl && (recordsTtl - ttl).Duration() < TimeSpan.FromMinutes(1), $"Kept {lifetime}, records {recordsLifetime}.");

        a.Personalizer.Forget("buyer");
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("withdrawing"));
        await a.FlushAsync();

        Assert.False(await database.KeyExistsAsync(Keys.Person("buyer", "kept:purchases")));
        Assert.False(await database.KeyExistsAsync(Keys.Person("withdrawing", "kept:dismissals")));
    }

    [RedisFact]
    public async Task Kept_lists_an_erasure_by_a_server_of_the_version_before_them_left_are_never_recalled_and_emptied_when_the_records_refill()
    {
        // The erasure script of the version before the kept lists, verbatim: it deletes the records, not the kept lists.
        const string EarlierEraseScript = """
            local erased = redis.call('HGET', KEYS[3], 'e')
            if not erased or erased < ARGV[1] then
              redis.call('SUNIONSTORE', KEYS[4], KEYS[4], KEYS[2])
              local to = redis.call('GET', KEYS[5])
              if to then redis.call('SADD', KEYS[4], to) end
              redis.call('DEL', KEYS[1], KEYS[2], KEYS[5], KEYS[6], KEYS[7])
              redis.call('HSET', KEYS[3], 'e', ARGV[1])
              redis.call('HDEL', KEYS[3], 'w', 'g')
              redis.call('PEXPIRE', KEYS[3], ARGV[2])
              redis.call('PEXPIRE', KEYS[4], ARGV[2])
            end
            return redis.call('SMEMBERS', KEYS[4])
            """;
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis, o => o.MaxProfiles = 10);
        a.Personalizer.Track(PersonalizationEvent.Purchase("erased", "books-2", 1, 12m));
        a.Personalizer.Track(PersonalizationEvent.Dismiss("erased", "coffee-1"));
        ViewMany(a, "erased");
        await a.FlushAsync();
        await b.CatchUpAsync();
        await EvictAsync(b, "erased");
        var database = (await ConnectionMultiplexer.ConnectAsync(redis.Configuration)).GetDatabase();
        var erasedAt = (a.Time.GetUtcNow() + TimeSpan.FromSeconds(1)).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        string[] parts = ["records", "aliases", "meta", "erased", "stitched", "resent", "linked"];
        await database.ScriptEvaluateAsync(EarlierEraseScript, [.. parts.Select(part => Keys.Person("erased", part))], [erasedAt, 300_000]);
        Assert.True(await database.KeyExistsAsync(Keys.Person("erased", "kept:purchases")));

        // Past the erasure's five minutes, the key shows up again: nothing comes back.
        b.Time.Advance(TimeSpan.FromMinutes(10));
        b.Top("erased");
        await b.RecallsEndedAsync();
        Assert.Null(Profile(b, "erased")["eventCount"]);

        // The key used afresh: once its records fill up again, what was left is gone.
        a.Time.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < PersonRecords.Limit; i++)
        {
            a.Personalizer.Track(PersonalizationEvent.View("erased", "coffee-2"));
        }

        await a.FlushAsync();
        Assert.False(await database.KeyExistsAsync(Keys.Person("erased", "kept:purchases")));
        Assert.False(await database.KeyExistsAsync(Keys.Person("erased", "kept:dismissals")));
    }

    /// <summary>Shares what <paramref name="from"/> did, makes <paramref name="on"/> let the person go, then recall them on their next visit.</summary>
    private static async Task RecalledAsync(AppServer from, AppServer on, string person)
    {
        await from.FlushAsync();
        await on.CatchUpAsync();
        await EvictAsync(on, person);
        on.Top(person);
        await on.RecallsEndedAsync();
    }

    private static void ViewMany(AppServer server, string person)
    {
        for (var i = 0; i < LaterViews; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            server.Personalizer.Track(PersonalizationEvent.View(person, AppServer.Catalog[i % AppServer.Catalog.Length].Key));
        }
    }

    private static JsonObject Profile(AppServer server, string person) =>
        JsonNode.Parse(server.SharedPersonalData(person))!["profile"]?.AsObject() ?? [];

    private static Task EvictAsync(AppServer server, string person) => RecallRaceServers.EvictAsync(server, person);
}
