using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.Snapshots;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>An <see cref="AppServer"/> whose connection's journal reads a test can hold (<see cref="ReadGate"/>).</summary>
internal static class RecallRaceServers
{
    public static async Task<(AppServer Server, IConnectionMultiplexer Real)> StartAsync(RedisServer redis, ReadGate gate, Action<PersonalizationOptions>? configure = null)
    {
        var real = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",syncTimeout=10000,asyncTimeout=10000");
        var multiplexer = InterceptedDatabase.InterceptedMultiplexer.Wrap(real, database => InterceptedDatabase.Wrap(database, before: gate.Before));
        var builder = Host.CreateApplicationBuilder();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        var time = new FakeTimeProvider(AppServer.Start);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(multiplexer);
        builder.Services.AddPersonalization(options => configure?.Invoke(options))
            .AddCatalog(AppServer.Catalog)
            .AddHoldout("global", basisPoints: 5_000)
            .AddRedis(o =>
            {
                o.Configuration = null;
                o.OperationTimeout = TimeSpan.FromSeconds(10);
                o.SnapshotInterval = TimeSpan.FromDays(1);
            });
        var host = builder.Build();
        var server = (AppServer)typeof(AppServer)
            .GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(IHost), typeof(FakeTimeProvider), typeof(FakeLogCollector)])!
            .Invoke([host, time, logs]);
        await host.StartAsync();
        await server.WaitCaughtUpAsync();
        return (server, real);
    }

    public static ProfileRecall Recall(this AppServer server) => server.Host.Services.GetRequiredService<ProfileRecall>();

    /// <summary>Completes when the server's recall next hands fetched records to its reader.</summary>
    public static Task NextFetched(this AppServer server)
    {
        var recall = server.Recall();
        var fetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFetched()
        {
            recall.RecordsFetched -= OnFetched;
            fetched.TrySetResult();
        }

        recall.RecordsFetched += OnFetched;
        return fetched.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Views and a purchase that make books lead the person's next decision.</summary>
    public static void History(AppServer server, string person)
    {
        server.Personalizer.Track(PersonalizationEvent.View(person, "books-1"));
        server.Personalizer.Track(PersonalizationEvent.View(person, "books-2"));
        server.Personalizer.Track(PersonalizationEvent.View(person, "books-3"));
        server.Personalizer.Track(PersonalizationEvent.Purchase(person, "books-2", 1, 12m));
        server.Personalizer.Track(PersonalizationEvent.View(person, "books-2"));
        server.Time.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>A guest views two coffee items on the server and, a second later, signs in as <paramref name="person"/> (a new stitch).</summary>
    public static void GuestSignsIn(AppServer server, string guest, string person)
    {
        server.Personalizer.Track(PersonalizationEvent.View(guest, "coffee-1"));
        server.Personalizer.Track(PersonalizationEvent.View(guest, "coffee-2"));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdentifyResult.Stitched, server.Personalizer.Identify(guest, person));
    }

    /// <summary>The person's <see cref="History"/> on <paramref name="from"/>, read by <paramref name="evictedOn"/>, which then lets them go.</summary>
    public static async Task HistoryThenEvictAsync(AppServer from, AppServer evictedOn, string person)
    {
        History(from, person);
        await from.FlushAsync();
        await evictedOn.CatchUpAsync();
        await EvictAsync(evictedOn, person);
    }

    /// <summary>Makes the server evict <paramref name="person"/> (it holds ten profiles at most), by thirty others' events.</summary>
    public static async Task EvictAsync(AppServer server, string person)
    {
        // A recall still in flight (the person was new here once) would count as a use of them.
        await server.RecallsEndedAsync();
        for (var i = 0; i < 30; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(2));
            server.Personalizer.Track(PersonalizationEvent.ConsentGiven($"other-{i}", ConsentFlags.Personalization)); // a profile whatever the default
            server.Personalizer.Track(PersonalizationEvent.View($"other-{i}", "coffee-3"));
        }

        // The others' own recalls may bring back some the store let go: let that settle too.
        await server.ProfileMaintenance;
        await server.RecallsEndedAsync();
        await server.ProfileMaintenance;
        server.Time.Advance(TimeSpan.FromSeconds(2)); // the person's return is the latest use
        Assert.False(HoldsProfile(server, person), "evicted");
    }

    public static bool HoldsProfile(AppServer server, string key) =>
        System.Text.Json.Nodes.JsonNode.Parse(server.PersonalData(key))!["profile"] is not null;
}
