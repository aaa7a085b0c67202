using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// One app server for replication tests: its own memory, a small catalog, a 50% holdout and the
/// shared Redis. Tests move changes explicitly (flush this server's journal, pump another's), so
/// nothing waits on a clock.
/// </summary>
internal sealed class AppServer : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly CatalogItem[] Catalog =
    [
        .. new[] { "coffee", "hiking", "books" }.SelectMany(category => Enumerable.Range(1, 3).Select(i => new CatalogItem
        {
            Key = $"{category}-{i}",
            Category = category,
            Title = $"{category} {i}",
        })),
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private AppServer(IHost host, FakeTimeProvider time, FakeLogCollector logs)
    {
        Host = host;
        Time = time;
        Logs = logs;
    }

    public IHost Host { get; }

    /// <summary>What this server logged.</summary>
    public FakeLogCollector Logs { get; }

    public FakeTimeProvider Time { get; }

    public IPersonalizer Personalizer => Host.Services.GetRequiredService<IPersonalizer>();

    public LiftReport Lift => Host.Services.GetRequiredService<ILiftReporter>().GetReport("global");

    private ReplicaPump Pump => Host.Services.GetRequiredService<ReplicaPump>();

    // startAt: the clock at the start (a restart after time passed), else Start.
    public static async Task<AppServer> StartAsync(RedisServer redis, Action<PersonalizationOptions>? configure = null, Action<RedisPersonalizationOptions>? configureRedis = null, bool waitForRedis = true, DateTimeOffset? startAt = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        var time = new FakeTimeProvider(startAt ?? Start);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddPersonalization(options => configure?.Invoke(options))
            .AddCatalog(Catalog)
            .AddHoldout("global", basisPoints: 5_000)
            .AddRedis(o =>
            {
                o.Configuration = redis.Configuration;
                o.OperationTimeout = TimeSpan.FromSeconds(10);
                configureRedis?.Invoke(o);
            });
        var server = new AppServer(builder.Build(), time, logs);
        await server.Host.StartAsync();
        if (waitForRedis)
        {
            await server.WaitCaughtUpAsync();
        }

        return server;
    }

    public async Task WaitCaughtUpAsync()
    {
        await Host.Services.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);
        await Pump.CaughtUp.WaitAsync(Patience);
    }

    /// <summary>Completes once this server is connected to Redis, whatever its reader has done.</summary>
    public Task WhenConnectedAsync() => Host.Services.GetRequiredService<RedisConnection>().WhenConnectedAsync().WaitAsync(Patience);

    /// <summary>Tries to send everything this server journaled to Redis; false when it was held back or failed.</summary>
    public Task<bool> TryFlushAsync() => Host.Services.GetRequiredService<RedisChangeJournal>().Buffer.FlushAsync().WaitAsync(Patience);

    /// <summary>Sends everything this server journaled to Redis.</summary>
    public async Task FlushAsync() =>
        Assert.True(await Host.Services.GetRequiredService<RedisChangeJournal>().Buffer.FlushAsync().WaitAsync(Patience));

    /// <summary>Writes a snapshot of the shared state now, unless another server is writing one.</summary>
    public Task<SnapshotOutcome> SnapshotAsync() => Host.Services.GetRequiredService<SnapshotCompactor>().CompactOnceAsync();

    /// <summary>
    /// Brings the similar-items model up to date, as its background refresh would, with every row
    /// rebuilt: a merged snapshot rebuilds every row, a refresh only those whose counts changed.
    /// </summary>
    public void RefreshSimilarItems()
    {
        var model = ((Sdk.Personalizer)Personalizer).Statistics.SimilarItemsModel;
        model.Refresh();
        model.PublishAll();
    }

    /// <summary>Completes with the outcome of the background compactor's next attempt.</summary>
    public Task<SnapshotOutcome> NextSnapshotAttempt()
    {
        var compactor = Host.Services.GetRequiredService<SnapshotCompactor>();
        var attempted = new TaskCompletionSource<SnapshotOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAttempted(SnapshotOutcome outcome)
        {
            compactor.Attempted -= OnAttempted;
            attempted.TrySetResult(outcome);
        }

        compactor.Attempted += OnAttempted;
        return attempted.Task.WaitAsync(Patience);
    }

    /// <summary>Applies every change other servers have journaled so far.</summary>
    public async Task CatchUpAsync()
    {
        while (await Pump.PumpOnceAsync() > 0)
        {
        }
    }

    /// <summary>Completes when the connection to Redis is next restored after a failure.</summary>
    public Task WhenRestored()
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Services.GetRequiredService<RedisConnection>().OnRestored(() => restored.TrySetResult());
        return restored.Task;
    }

    /// <summary>Completes when this server's background reader next applies journal entries.</summary>
    public Task NextEntriesApplied()
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnApplied()
        {
            Pump.EntriesApplied -= OnApplied;
            applied.TrySetResult();
        }

        Pump.EntriesApplied += OnApplied;
        return applied.Task.WaitAsync(Patience);
    }

    /// <summary>Completes when no recall of a person is in flight on this server (each recall may start another, for stitched keys).</summary>
    public async Task RecallsEndedAsync()
    {
        var recall = Host.Services.GetRequiredService<ProfileRecall>();
        while (true)
        {
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnEnded() => ended.TrySetResult();
            recall.RecallsEnded += OnEnded;
            try
            {
                if (recall.Pending == 0)
                {
                    return;
                }

                await ended.Task.WaitAsync(Patience);
            }
            finally
            {
                recall.RecallsEnded -= OnEnded;
            }
        }
    }

    /// <summary>How many people this server is recalling now (a person found missing is counted at once).</summary>
    public int RecallsPending => Host.Services.GetRequiredService<ProfileRecall>().Pending;

    /// <summary>Holds this server's recalls in flight until <paramref name="release"/> completes.</summary>
    public void HoldRecalls(Task release) => Host.Services.GetRequiredService<ProfileRecall>().FetchesHeldUntil = release;

    /// <summary>Completes when the profile store's trimming past MaxProfiles has caught up.</summary>
    public Task ProfileMaintenance => ((Sdk.Personalizer)Personalizer).ProfileMaintenance;

    /// <summary>
    /// Moves this server's clock by <paramref name="idle"/> and lets go everyone idle past the expiry
    /// before the test goes on: the store's own pass runs on the thread pool, started by whichever
    /// lookup comes next, and a stitch racing it finds a person half let go (profile gone, links kept).
    /// </summary>
    public async Task LetIdleGoAsync(TimeSpan idle)
    {
        Time.Advance(idle);
        await ProfileMaintenance;
        ((Sdk.Personalizer)Personalizer).EvictIdleProfiles();
    }

    /// <summary>Reads one batch of other servers' changes; how many entries it read.</summary>
    public Task<int> CatchUpOnceAsync() => Pump.PumpOnceAsync();

    public string PersonalData(string userKey) => Personalizer.GetPersonalData(userKey).ToJson();

    /// <summary>The person's data without frequency-cap showings: a decision's record on one server, which is not shared.</summary>
    public string SharedPersonalData(string userKey)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(PersonalData(userKey))!;
        json["profile"]?.AsObject().Remove("showings");
        return json.ToJsonString();
    }

    public string[] Top(string userKey, int count = 3) =>
        [.. Personalizer.Rank(new PersonalizationRequest(userKey) { Count = count }).Items.Select(item => item.ItemKey)];

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
