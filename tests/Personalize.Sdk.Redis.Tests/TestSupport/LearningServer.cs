using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Learning;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// One app server that learns online, as a service provider (no host: nothing replays the journal,
/// and the learner's timer never fires on its own). Tests settle decisions by moving the fake
/// clock past the reward wait and run the learner's update themselves.
/// </summary>
internal sealed class LearningServer : IAsyncDisposable
{
    public static readonly TimeSpan RewardWait = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _provider;

    private LearningServer(ServiceProvider provider, FakeTimeProvider time, FakeLogCollector logs)
    {
        _provider = provider;
        Time = time;
        Logs = logs;
    }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _provider;

    public IPersonalizer Personalizer => _provider.GetRequiredService<IPersonalizer>();

    public RedisLearningExchange Exchange => _provider.GetRequiredService<RedisLearningExchange>();

    public RedisConnection Connection => _provider.GetRequiredService<RedisConnection>();

    public PlacementLearning Report => Assert.Single(_provider.GetRequiredService<ILearningReporter>().GetReport().Placements);

    /// <summary>The default placement's learner.</summary>
    public PlacementLearner Learner
    {
        get
        {
            var learner = ((Personalizer)Personalizer).Learner;
            for (var index = 0; index < 64; index++)
            {
                if (learner.For(index) is { } placement)
                {
                    return placement;
                }
            }

            throw new InvalidOperationException("No placement learns.");
        }
    }

    /// <summary>A server on <paramref name="redis"/>; <paramref name="build"/> may add signals; <paramref name="keyPrefix"/> keeps it apart from the others; <paramref name="configureRedis"/> changes its Redis options.</summary>
    public static LearningServer Start(RedisServer redis, Action<PersonalizationBuilder>? build = null, string? keyPrefix = null, Action<RedisPersonalizationOptions>? configureRedis = null)
    {
        var time = new FakeTimeProvider(AppServer.Start);
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<TimeProvider>(time);
        var builder = services.AddPersonalization(options =>
            {
                options.MaxPerCategory = 0;
                options.Learning.Mode = LearningMode.Online;
                options.Learning.ExplorationRate = 0;
                options.Learning.RewardWaitTime = RewardWait;
                options.Learning.UpdateInterval = TimeSpan.FromHours(1);
                options.Learning.MinSettledDecisions = 1;
            })
            .AddCatalog(AppServer.Catalog)
            .AddRedis(o =>
            {
                o.Configuration = redis.Configuration;
                o.OperationTimeout = TimeSpan.FromSeconds(10);
                o.KeyPrefix = keyPrefix ?? o.KeyPrefix;

                // The stop's flush is timed on the fake clock: with Redis away it would wait for ever.
                o.ShutdownFlushTimeout = TimeSpan.Zero;
                configureRedis?.Invoke(o);
            });
        build?.Invoke(builder);
        return new LearningServer(services.BuildServiceProvider(), time, logs);
    }

    public Task WhenConnectedAsync() => Connection.WhenConnectedAsync().WaitAsync(Patience);

    /// <summary>Shows <paramref name="count"/> people (each with a view first, so the decision is personalized) three items each; rewards their first item with <paramref name="reward"/> when it is in <paramref name="category"/>.</summary>
    public void Serve(string prefix, int count, string category = "books", double reward = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var userKey = $"{prefix}-{i}";
            Personalizer.Track(PersonalizationEvent.View(userKey, AppServer.Catalog[i % AppServer.Catalog.Length].Key));
            var decision = Personalizer.Rank(new PersonalizationRequest(userKey) { Count = 3 });
            if (reward > 0 && decision.Items[0].ItemKey.StartsWith(category, StringComparison.Ordinal))
            {
                Assert.True(Personalizer.Reward(decision.Id, reward));
            }
        }
    }

    /// <summary>Moves the clock past the reward wait, so every waiting decision is due.</summary>
    public void PassRewardWait() => Time.Advance(RewardWait + TimeSpan.FromSeconds(1));

    /// <summary>
    /// Runs the learner's update and waits until its exchange with Redis answered (the learner then
    /// has the other servers' statistics for its next solve).
    /// </summary>
    public async Task UpdateAndExchangeAsync()
    {
        var learner = ((Personalizer)Personalizer).Learner;
        learner.Update();
        await learner.LastExchange.WaitAsync(Patience);
    }

    /// <summary>Stops as a host stops: every hosted lifecycle service's <c>StoppedAsync</c>, in the host's order (reverse of registration).</summary>
    public async Task StopAsHostAsync(CancellationToken cancellationToken = default)
    {
        foreach (var service in _provider.GetServices<IHostedService>().Reverse().OfType<IHostedLifecycleService>())
        {
            await service.StoppedAsync(cancellationToken).WaitAsync(Patience);
        }
    }

    /// <summary>Runs the learner's update without waiting for any exchange.</summary>
    public void Update() => ((Personalizer)Personalizer).Learner.Update();

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
