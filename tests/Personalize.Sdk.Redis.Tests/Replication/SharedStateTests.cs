using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Reporting;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// Two or three app servers, each with its own memory, sharing state through a real redis-server:
/// they behave as one server, and a restarted server comes back with what it had.
/// </summary>
public sealed class SharedStateTests
{
    [RedisFact]
    public async Task An_event_tracked_on_one_server_leads_the_next_decision_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        Assert.NotEqual("books-2", b.Top("shopper")[0]);

        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        await a.FlushAsync();
        await b.CatchUpAsync();

        var top = b.Top("shopper");
        Assert.True(top[0].StartsWith("books-", StringComparison.Ordinal), string.Join(", ", top));
        await b.FlushAsync();
        await a.CatchUpAsync();
        Assert.Equal(a.SharedPersonalData("shopper"), b.SharedPersonalData("shopper"));
    }

    [RedisFact]
    public async Task A_tracked_event_reaches_the_other_server_without_any_timer_by_the_append_announcement()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        Assert.DoesNotContain("books-", b.Top("shopper")[0], StringComparison.Ordinal);

        // Both servers run on fake time that never moves: no flush interval, no poll. Only the
        // write sent at once and the announcement on the journal's channel can carry the event.
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        while (true)
        {
            var applied = b.NextEntriesApplied(); // fails the test if nothing arrives within its patience
            if (b.Top("shopper")[0].StartsWith("books-", StringComparison.Ordinal))
            {
                break;
            }

            await applied;
        }

        Assert.Equal(AppServer.Start, b.Time.GetUtcNow()); // no timer could have fired
    }

    [RedisFact]
    public async Task Without_pub_sub_a_server_still_reads_other_servers_changes_by_polling()
    {
        await using var redis = await RedisServer.StartAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            // The default user may no longer publish or subscribe to any channel.
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "default", "resetchannels");
        }

        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        Assert.DoesNotContain("books-", b.Top("shopper")[0], StringComparison.Ordinal);

        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        await a.FlushAsync();
        for (var polls = 0; !b.Top("shopper")[0].StartsWith("books-", StringComparison.Ordinal); polls++)
        {
            // No announcement can come: only the poll, on B's fake clock, reads the journal. The
            // reader may not be waiting yet when the clock moves, so move it until it has read.
            Assert.True(polls < 200, "B never read A's changes by polling.");
            var applied = b.NextEntriesApplied();
            b.Time.Advance(new RedisPersonalizationOptions().ReplicationPollInterval);
            await Task.WhenAny(applied, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }
    }

    [RedisFact]
    public async Task Each_readiness_report_counts_its_own_servers_decisions_and_says_so()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);

        a.Personalizer.Track(PersonalizationEvent.View("shopper", "books-2"));
        for (var i = 0; i < 3; i++)
        {
            a.Top("shopper");
        }

        await a.FlushAsync();
        await b.CatchUpAsync();
        var onA = a.Host.Services.GetRequiredService<IReadinessReporter>().GetReport();
        var onB = b.Host.Services.GetRequiredService<IReadinessReporter>().GetReport();

        Assert.Equal(3, onA["default"].Coverage.Decisions);
        Assert.Equal(0, onB["default"].Coverage.Decisions);
        Assert.StartsWith("one server's view", onB.Scope, StringComparison.Ordinal);
        Assert.Contains("one server's view", onB.ToTable(), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Concurrent_writers_on_two_servers_lose_no_update_and_the_lift_report_is_the_same_everywhere()
    {
        const int UnitsPerServer = 30;
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);

        await Task.WhenAll(Traffic(a, "a"), Traffic(b, "b"));
        await Task.WhenAll(a.FlushAsync(), b.FlushAsync());
        await a.CatchUpAsync();
        await b.CatchUpAsync();

        var report = a.Lift;
        Assert.Equal(2 * UnitsPerServer, report.Treatment.ExposedUnits + report.Control.ExposedUnits);
        Assert.Equal(2 * UnitsPerServer, report.Treatment.ConvertedUnits + report.Control.ConvertedUnits);
        Assert.Equal(2 * UnitsPerServer * 10.0, report.Treatment.Revenue + report.Control.Revenue, 6);
        Assert.Equal(report.ToJson(), b.Lift.ToJson());

        // One person, written on both servers at once: both servers hold every event.
        Assert.Equal(a.PersonalData("both"), b.PersonalData("both"));
        Assert.Contains("coffee-1", a.PersonalData("both"), StringComparison.Ordinal);
        Assert.Contains("hiking-1", a.PersonalData("both"), StringComparison.Ordinal);

        static Task Traffic(AppServer server, string name) => Task.Run(() =>
        {
            // Tracked at different times on the two servers, so the profile orders them the same everywhere.
            server.Time.Advance(TimeSpan.FromSeconds(name == "a" ? 1 : 2));
            server.Personalizer.Track(PersonalizationEvent.View("both", name == "a" ? "coffee-1" : "hiking-1"));
            server.Time.Advance(TimeSpan.FromSeconds(name == "a" ? 1 : 0));
            for (var i = 0; i < UnitsPerServer; i++)
            {
                var unit = $"{name}-unit-{i}";
                server.Personalizer.Rank(new PersonalizationRequest(unit) { Count = 3 });
                server.Personalizer.Track(PersonalizationEvent.Purchase(unit, "books-1", 1, 10m));
            }
        });
    }

    [RedisFact]
    public async Task A_device_refused_by_a_second_account_and_a_guests_withdrawal_replay_alike_on_every_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("alice", "coffee-2"));
        a.Personalizer.Track(PersonalizationEvent.View("bob", "books-1"));
        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("device", "alice"));
        Assert.Equal(IdentifyResult.RefusedAnonymousKeyIsLinked, a.Personalizer.Identify("device", "bob"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        await a.FlushAsync();
        await b.CatchUpAsync();

        foreach (var server in new[] { a, b })
        {
            Assert.Equal(["alice", "device", "guest"], server.Personalizer.GetPersonalData("device").LinkedKeys);
            Assert.DoesNotContain("device", server.Personalizer.GetPersonalData("bob").LinkedKeys);
            Assert.Equal(1, server.Personalizer.GetPersonalData("alice").Profile?.EventCount ?? 0);
            Assert.Equal(1, server.Personalizer.GetPersonalData("bob").Profile?.EventCount ?? 0);
            Assert.Equal(ConsentFlags.Personalization, server.Personalizer.GetConsent("alice"));
        }
    }

    [RedisFact]
    public async Task Forget_on_one_server_erases_the_person_on_every_server()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("guest", "coffee-2"));
        Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify("guest", "alice"));
        await a.FlushAsync();
        await b.CatchUpAsync();
        Assert.Contains("guest", b.Personalizer.GetPersonalData("alice").LinkedKeys);

        b.Personalizer.Forget("alice");
        await b.FlushAsync();
        await a.CatchUpAsync();

        Assert.Empty(a.Personalizer.GetPersonalData("guest").LinkedKeys);
        Assert.DoesNotContain("coffee-2", a.PersonalData("alice"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task Redis_killed_mid_traffic_fails_no_request_and_loses_nothing_under_the_bound()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("before", "coffee-1"));
        await a.FlushAsync();
        var restoredA = a.WhenRestored();
        var restoredB = b.WhenRestored();

        await redis.KillAsync();
        for (var i = 0; i < 20; i++)
        {
            // Served from memory while Redis is away: deciding and tracking neither fail nor wait.
            Assert.Equal(3, a.Personalizer.Rank(new PersonalizationRequest($"during-{i}") { Count = 3 }).Items.Count);
            a.Personalizer.Track(PersonalizationEvent.View($"during-{i}", "hiking-2"));
        }

        Assert.Equal(0, await b.CatchUpOnceAsync());
        await redis.StartProcessAsync();
        await Task.WhenAll(restoredA, restoredB).WaitAsync(TimeSpan.FromSeconds(30));
        await a.FlushAsync();
        await b.CatchUpAsync();

        Assert.Contains("coffee-1", b.PersonalData("before"), StringComparison.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains("hiking-2", b.PersonalData($"during-{i}"), StringComparison.Ordinal);
        }
    }

    [RedisFact]
    public async Task A_restarted_server_comes_back_with_its_profiles_arms_and_ledger()
    {
        await using var redis = await RedisServer.StartAsync();
        string before;
        string liftBefore;
        await using (var a = await AppServer.StartAsync(redis))
        {
            a.Personalizer.Track(PersonalizationEvent.View("regular", "hiking-3"));
            a.Personalizer.Rank(new PersonalizationRequest("regular") { Count = 3 });
            a.Personalizer.Track(PersonalizationEvent.Purchase("regular", "hiking-3", 1, 42m));
            before = a.SharedPersonalData("regular");
            liftBefore = a.Lift.ToJson();

            // A graceful stop flushes the journal: nothing is lost.
        }

        await using var restarted = await AppServer.StartAsync(redis);

        Assert.Equal(before, restarted.SharedPersonalData("regular"));
        Assert.Equal(liftBefore, restarted.Lift.ToJson());
    }

    [RedisFact]
    public async Task Journal_applied_counts_only_other_servers_entries_applied_not_a_servers_own()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        using var appliedOnA = Applied(a);
        using var appliedOnB = Applied(b);

        for (var i = 0; i < 5; i++)
        {
            a.Personalizer.Track(PersonalizationEvent.View($"reader-{i}", "books-2"));
        }

        await a.FlushAsync();
        await a.CatchUpAsync(); // a reads its own five back and passes over them
        await b.CatchUpAsync();

        Assert.Equal(0, appliedOnA.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(5, appliedOnB.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    /// <summary>One server's own count: each host has its own meters.</summary>
    private static MetricCollector<long> Applied(AppServer server) =>
        new(server.Host.Services.GetRequiredService<IMeterFactory>(), RedisMetrics.MeterName, "personalize.redis.journal.applied");
}
