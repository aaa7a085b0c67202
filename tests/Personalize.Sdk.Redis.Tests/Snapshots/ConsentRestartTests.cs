using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Snapshots;

/// <summary>
/// docs/scaling.md "Snapshots: what a restart recovers": the snapshot holds "the consents granting
/// less than DefaultConsent kept apart after evictions ... so a restored server keeps a withdrawn,
/// evicted person withdrawn", and every profile with its stated consent (state format 3).
/// </summary>
public sealed class ConsentRestartTests
{
    [RedisFact]
    public async Task A_restart_through_redis_snapshots_keeps_an_evicted_withdrawal_and_a_live_one()
    {
        await using var redis = await RedisServer.StartAsync();
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            a.Personalizer.Track(PersonalizationEvent.View("evicted-one", "coffee-1"));
            a.Personalizer.Identify("evicted-guest", "evicted-one");
            a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("evicted-one"));
            await a.FlushAsync();

            // Idle past ProfileIdleExpiration: let go, the withdrawal kept apart.
            await a.LetIdleGoAsync(TimeSpan.FromDays(31));
            Assert.Equal(ConsentFlags.None, a.Personalizer.GetConsent("evicted-one"));

            a.Personalizer.Track(PersonalizationEvent.View("live-one", "hiking-1"));
            a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("live-one"));
            a.Personalizer.Track(PersonalizationEvent.View("other", "books-1"));
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());

            // A second snapshot trims the journal behind the first.
            a.Time.Advance(TimeSpan.FromMinutes(1));
            a.Personalizer.Track(PersonalizationEvent.View("other", "books-2"));
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            now = a.Time.GetUtcNow();
        }

        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots);
        restarted.Time.SetUtcNow(now);

        Assert.Equal(ConsentFlags.None, restarted.Personalizer.GetConsent("live-one"));
        Assert.Equal(ConsentFlags.None, restarted.Personalizer.GetConsent("evicted-one"));
        Assert.Equal(ConsentFlags.None, restarted.Personalizer.GetConsent("evicted-guest"));

        // Their behaviour is not stored again on the restarted server.
        restarted.Personalizer.Track(PersonalizationEvent.View("evicted-one", "books-3"));
        restarted.Personalizer.Track(PersonalizationEvent.View("live-one", "books-3"));
        await restarted.RecallsEndedAsync();
        await restarted.CatchUpAsync();
        Assert.Empty(restarted.Personalizer.GetPersonalData("evicted-one").Profile?.RecentItems ?? []);
        Assert.Empty(restarted.Personalizer.GetPersonalData("live-one").Profile?.RecentItems ?? []);
    }

    [RedisFact]
    public async Task A_consent_given_after_the_snapshot_in_the_journal_tail_lifts_a_restored_kept_withdrawal()
    {
        await using var redis = await RedisServer.StartAsync();
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, SmallMemory, ManualSnapshots))
        {
            a.Personalizer.Track(PersonalizationEvent.View("evicted-one", "coffee-1"));
            a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("evicted-one"));
            a.Time.Advance(TimeSpan.FromSeconds(1));

            // Past MaxProfiles: let go, the withdrawal kept apart (here and in the snapshot's shadow).
            foreach (var other in new[] { "other-1", "other-2", "other-3" })
            {
                a.Personalizer.Track(PersonalizationEvent.View(other, "books-1"));
                a.Time.Advance(TimeSpan.FromSeconds(1));
                await a.ProfileMaintenance;
            }

            await a.FlushAsync();
            Assert.Equal(ConsentFlags.None, a.Personalizer.GetConsent("evicted-one"));
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());

            // After the snapshot: consent given again, then behaviour, in the journal's tail.
            a.Time.Advance(TimeSpan.FromSeconds(1));
            a.Personalizer.Track(PersonalizationEvent.ConsentGiven("evicted-one", ConsentFlags.Personalization));
            a.Time.Advance(TimeSpan.FromSeconds(1));
            a.Personalizer.Track(PersonalizationEvent.View("evicted-one", "hiking-2"));
            await a.FlushAsync();
            Assert.Equal(ConsentFlags.Personalization, a.Personalizer.GetConsent("evicted-one"));
            Assert.Contains("hiking-2", a.PersonalData("evicted-one"), StringComparison.Ordinal);
            now = a.Time.GetUtcNow();
        }

        await using var restarted = await AppServer.StartAsync(redis, SmallMemory, ManualSnapshots);
        restarted.Time.SetUtcNow(now);
        await restarted.RecallsEndedAsync();
        await restarted.CatchUpAsync();

        // As the server that wrote them holds it: the journal's tail comes after the snapshot.
        Assert.Equal(ConsentFlags.Personalization, restarted.Personalizer.GetConsent("evicted-one"));
        Assert.Contains("hiking-2", restarted.PersonalData("evicted-one"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_consent_in_the_journal_tail_lifts_a_withdrawal_kept_apart_at_an_idle_eviction_and_restored_from_the_snapshot()
    {
        await using var redis = await RedisServer.StartAsync();
        DateTimeOffset now;
        await using (var a = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots))
        {
            a.Personalizer.Track(PersonalizationEvent.View("evicted-one", "coffee-1"));
            a.Personalizer.Identify("evicted-guest", "evicted-one");
            a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("evicted-one"));
            await a.FlushAsync();
            await a.LetIdleGoAsync(TimeSpan.FromDays(31));
            a.Personalizer.Track(PersonalizationEvent.View("other", "books-1"));
            await a.FlushAsync();
            Assert.Equal(SnapshotOutcome.Written, await a.SnapshotAsync());
            a.Time.Advance(TimeSpan.FromMinutes(1));
            a.Personalizer.Track(PersonalizationEvent.ConsentGiven("evicted-one", ConsentFlags.Personalization));
            a.Time.Advance(TimeSpan.FromSeconds(1));
            a.Personalizer.Track(PersonalizationEvent.View("evicted-one", "hiking-2"));
            await a.FlushAsync();
            Assert.Equal(ConsentFlags.Personalization, a.Personalizer.GetConsent("evicted-one"));
            now = a.Time.GetUtcNow();
        }

        // Restarted with its clock where the writer's was, so the journal's tail is not read as ahead of it.
        await using var restarted = await AppServer.StartAsync(redis, configureRedis: ManualSnapshots, startAt: now);
        await restarted.RecallsEndedAsync();
        await restarted.CatchUpAsync();
        Assert.Equal(ConsentFlags.Personalization, restarted.Personalizer.GetConsent("evicted-one"));
        Assert.Contains("hiking-2", restarted.PersonalData("evicted-one"), StringComparison.Ordinal);
    }

    private static void SmallMemory(PersonalizationOptions options) => options.MaxProfiles = 2;

    private static void ManualSnapshots(RedisPersonalizationOptions options)
    {
        options.JournalMaxLength = 1_000;
        options.SnapshotInterval = TimeSpan.Zero;
    }
}
