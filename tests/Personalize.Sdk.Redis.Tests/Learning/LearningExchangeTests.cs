using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Redis.Learning;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Redis.WriteBehind;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// Learners on two servers sharing their statistics through a real redis-server: they learn one
/// policy, models of different signals never add up, and a server without Redis learns alone.
/// </summary>
public sealed class LearningExchangeTests
{
    private const double Tolerance = 1e-9;

    [RedisFact]
    public async Task A_server_that_saw_no_reward_learns_the_same_weights_as_the_server_that_saw_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        await using var b = LearningServer.Start(redis);
        await Task.WhenAll(a.WhenConnectedAsync(), b.WhenConnectedAsync());

        // Every reward is given on A; B serves a few decisions of its own, none rewarded.
        ServeRewardsOnlyOnTheFirst(a, b);

        await a.UpdateAndExchangeAsync(); // A alone: it reads back its own statistics
        await b.UpdateAndExchangeAsync(); // B reads A's statistics
        await a.UpdateAndExchangeAsync(); // A reads B's
        await b.UpdateAndExchangeAsync(); // B solves with A's
        await a.UpdateAndExchangeAsync(); // A solves with B's

        var onA = a.Report;
        var onB = b.Report;
        Assert.True(onA.RewardedDecisions > 0);
        Assert.Equal(0, onB.RewardedDecisions);
        Assert.Contains(onA.Weights.Values, weight => Math.Abs(weight) > 1e-3);
        Assert.Equal(onA.Weights.Keys.Order(StringComparer.Ordinal), onB.Weights.Keys.Order(StringComparer.Ordinal));
        foreach (var (signal, weight) in onA.Weights)
        {
            Assert.True(Math.Abs(weight - onB.Weights[signal]) <= Tolerance, $"{signal}: {weight} on A, {onB.Weights[signal]} on B");
        }

        // B alone (its first solve, before it read A's statistics) had nothing to learn from.
        Assert.All(onB.History[0].Weights.Values, weight => Assert.Equal(0, weight, 12));
        Assert.Equal("learned", onB.Serving);

        // One hash for the placement, one field per server.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var key = Assert.Single(LearningKeys(admin));
        Assert.Equal(2, await admin.GetDatabase().HashLengthAsync(key));
        Assert.True(await admin.GetDatabase().KeyTimeToLiveAsync(key) > TimeSpan.FromDays(29));
    }

    [RedisFact]
    public async Task Three_servers_that_learned_different_decisions_learn_the_same_weights_bit_for_bit()
    {
        // Each adding its own statistics to the others' sum (A + (B + C) on A, B + (A + C) on B),
        // they would learn weights that differ in the last bits: each sums every field in name order.
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        await using var b = LearningServer.Start(redis);
        await using var c = LearningServer.Start(redis);
        LearningServer[] servers = [a, b, c];
        await Task.WhenAll(servers.Select(server => server.WhenConnectedAsync()));
        a.Serve("a", 30);
        b.Serve("b", 20, category: "coffee", reward: 0.3);
        c.Serve("c", 25, category: "hiking", reward: 0.7);
        foreach (var server in servers)
        {
            server.PassRewardWait();
        }

        // Until every server has solved with every other's last statistics.
        for (var round = 0; round < 3; round++)
        {
            foreach (var server in servers)
            {
                await server.UpdateAndExchangeAsync();
            }
        }

        var weights = servers.Select(server => server.Report.Weights.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray()).ToArray();
        Assert.Contains(weights[0], pair => Math.Abs(pair.Value) > 1e-3);
        Assert.All(weights, each => Assert.Equal(weights[0], each));
        Assert.All(servers, server => Assert.Equal(servers[0].Learner.Policy.Theta, server.Learner.Policy.Theta));

        // An idle cluster adds no versions.
        var versions = servers.Select(server => server.Report.PolicyVersion).ToArray();
        foreach (var server in servers)
        {
            await server.UpdateAndExchangeAsync();
        }

        Assert.Equal(versions, servers.Select(server => server.Report.PolicyVersion));
    }

    [RedisFact]
    public async Task A_server_stopping_shares_what_it_settled_since_its_last_update()
    {
        await using var redis = await RedisServer.StartAsync();
        var stopping = LearningServer.Start(redis);
        await using var reference = LearningServer.Start(redis, keyPrefix: "reference");
        await using var fresh = LearningServer.Start(redis);
        await Task.WhenAll(stopping.WhenConnectedAsync(), reference.WhenConnectedAsync(), fresh.WhenConnectedAsync());

        // Both serve and are rewarded alike; the reference, on keys of its own, learns by an update.
        foreach (var server in new[] { stopping, reference })
        {
            server.Serve("a", 30);
            server.PassRewardWait();
        }

        await reference.UpdateAndExchangeAsync();
        await reference.UpdateAndExchangeAsync();

        // The stopping server never ran an update: its decisions are due, learned from nowhere yet.
        Assert.Equal(0, stopping.Report.SettledDecisions);
        await stopping.StopAsHostAsync();
        Assert.Equal(30, stopping.Report.SettledDecisions);
        await stopping.DisposeAsync();

        await fresh.UpdateAndExchangeAsync();
        await fresh.UpdateAndExchangeAsync();

        Assert.Equal("learned", fresh.Report.Serving);
        Assert.Contains(reference.Report.Weights.Values, weight => Math.Abs(weight) > 1e-3);
        foreach (var (signal, weight) in reference.Report.Weights)
        {
            Assert.True(Math.Abs(weight - fresh.Report.Weights[signal]) <= Tolerance, $"{signal}: {weight} learned by an update, {fresh.Report.Weights[signal]} from the stopped server's share");
        }
    }

    [RedisFact]
    public async Task A_server_stopping_with_redis_gone_still_learns_what_was_due_and_stops()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stopping = LearningServer.Start(redis);
        await stopping.WhenConnectedAsync();
        stopping.Serve("a", 30);
        stopping.PassRewardWait();
        await redis.KillAsync();

        // The stop waits for no answer from a server that is gone (StopAsHostAsync gives up after 30 s).
        await stopping.StopAsHostAsync();

        Assert.Equal(30, stopping.Report.SettledDecisions);
        Assert.Contains(stopping.Report.Weights.Values, weight => Math.Abs(weight) > 1e-3);
    }

    [RedisFact]
    public async Task A_slow_log_sink_neither_delays_the_stop_s_flush_nor_holds_the_stop_past_its_deadline()
    {
        await using var redis = await RedisServer.StartAsync();
        var sink = new BlockingSink();
        await using var stopping = LearningServer.Start(redis, builder => builder.AddLearningLogSink(sink), configureRedis: SharedDevice.HeldWrites);
        await stopping.WhenConnectedAsync();
        stopping.Serve("a", 5);
        stopping.PassRewardWait();

        // A write the flush timer has not sent yet: writes are held a minute (sent at once, as by
        // default, one could be gone before the check), and the clock does not move again. The
        // reward wait's advance fired the timer, whose send may still be under way on the flusher,
        // taking each write made meanwhile (under load, twenty in a row): that send is waited out
        // first, so the next write waits.
        Assert.True(await stopping.Services.GetRequiredService<RedisChangeJournal>().Buffer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        var buffers = stopping.Services.GetRequiredService<RedisWriteBehind>().Buffers;
        for (var i = 0; i < 20 && buffers.Sum(buffer => buffer.Count) == 0; i++)
        {
            stopping.Personalizer.Track(PersonalizationEvent.View($"late-{i}", AppServer.Catalog[0].Key));
        }

        Assert.True(buffers.Sum(buffer => buffer.Count) > 0);
        sink.Buffered = () => buffers.Sum(buffer => buffer.Count);

        using var deadline = new CancellationTokenSource();
        var stop = Task.Run(() => stopping.StopAsHostAsync(deadline.Token));
        var bufferedWhenTheSinkRan = await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The flush came first; the stop now waits for the sink, until the host's deadline.
        Assert.Equal(0, bufferedWhenTheSinkRan);
        Assert.False(stop.IsCompleted);
        deadline.Cancel();
        await stop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(sink.Returned, "the stop waited for the sink");

        sink.Released.SetResult();
    }

    [RedisFact]
    public async Task A_stop_builds_no_personalizer_nobody_used()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var idle = LearningServer.Start(redis);
        await idle.WhenConnectedAsync();

        await idle.StopAsHostAsync();

        Assert.Null(idle.Services.GetRequiredService<PersonalizationComposition>().BuiltPersonalizer);
    }

    [RedisFact]
    public async Task A_new_server_that_served_nothing_serves_what_the_others_learned()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        await using var fresh = LearningServer.Start(redis);
        await Task.WhenAll(a.WhenConnectedAsync(), fresh.WhenConnectedAsync());
        a.Serve("a", 30);
        a.PassRewardWait();

        await a.UpdateAndExchangeAsync();
        await fresh.UpdateAndExchangeAsync(); // reads A's statistics: nothing of its own changed
        await fresh.UpdateAndExchangeAsync(); // solves with them

        var onA = a.Report;
        var onFresh = fresh.Report;
        Assert.Equal(0, onFresh.Decisions);
        Assert.Equal("learned", onFresh.Serving);
        foreach (var (signal, weight) in onA.Weights)
        {
            Assert.True(Math.Abs(weight - onFresh.Weights[signal]) <= Tolerance, $"{signal}: {weight} on A, {onFresh.Weights[signal]} on the new server");
        }

        // An idle cluster adds no versions.
        var version = onFresh.PolicyVersion;
        await fresh.UpdateAndExchangeAsync();
        Assert.Equal(version, fresh.Report.PolicyVersion);
    }

    [RedisFact]
    public async Task Models_of_different_signals_are_kept_apart_and_never_add_up()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        await using var b = LearningServer.Start(redis, builder => builder.AddSignal(new MarginSignal(), weight: 0.5f));
        await Task.WhenAll(a.WhenConnectedAsync(), b.WhenConnectedAsync());

        a.Serve("a", 30, category: "books");
        b.Serve("b", 30, category: "coffee");
        a.PassRewardWait();
        b.PassRewardWait();
        for (var round = 0; round < 2; round++)
        {
            await a.UpdateAndExchangeAsync();
            await b.UpdateAndExchangeAsync();
        }

        // Each exchange found no other server of its features: each learns from its own decisions only.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var keys = LearningKeys(admin);
        Assert.Equal(2, keys.Length);
        foreach (var key in keys)
        {
            Assert.Equal(1, await admin.GetDatabase().HashLengthAsync(key));
        }

        foreach (var report in new[] { a.Report, b.Report })
        {
            var alone = report.History[0].Weights;
            Assert.All(report.Weights, pair => Assert.Equal(alone[pair.Key], pair.Value, 12));
        }

        Assert.Contains("margin", b.Report.Weights.Keys);
        Assert.DoesNotContain("margin", a.Report.Weights.Keys);
        Assert.NotEqual(
            RedisLearningExchange.FeatureHash(((Personalizer)a.Personalizer).Learner.FeatureNames),
            RedisLearningExchange.FeatureHash(((Personalizer)b.Personalizer).Learner.FeatureNames));
    }

    [RedisFact]
    public async Task Without_Redis_the_exchange_returns_nothing_and_the_learner_solves_from_its_own_decisions()
    {
        await using var redis = RedisServer.Reserve(); // never started: unreachable from the start
        await using var a = LearningServer.Start(redis);
        await a.Connection.FirstAttempt.WaitAsync(TimeSpan.FromSeconds(30));

        a.Serve("a", 30);
        a.PassRewardWait();
        a.Update();

        var own = a.Learner.OwnStatistics();
        Assert.Null(await a.Exchange.ExchangeAsync(PersonalizationRequest.DefaultPlacement, ((Personalizer)a.Personalizer).Learner.FeatureNames, own, CancellationToken.None));
        var report = a.Report;
        Assert.Equal(1, report.PolicyVersion);
        Assert.True(report.RewardedDecisions > 0);
        Assert.Contains(report.Weights.Values, weight => Math.Abs(weight) > 1e-3);
        Assert.Equal("learned", report.Serving);
        Assert.False(a.Learner.Changed); // nothing came back to solve again with
        Assert.Contains(a.Logs.GetSnapshot(), record => record.Message.StartsWith("Sharing the learner's statistics of placement", StringComparison.Ordinal));
    }

    [RedisFact]
    public async Task When_Redis_goes_away_a_server_keeps_the_other_servers_statistics_it_last_read()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = LearningServer.Start(redis);
        await using var b = LearningServer.Start(redis);
        await Task.WhenAll(a.WhenConnectedAsync(), b.WhenConnectedAsync());
        ServeRewardsOnlyOnTheFirst(a, b);
        await a.UpdateAndExchangeAsync();
        await b.UpdateAndExchangeAsync();
        await b.UpdateAndExchangeAsync(); // B has solved with A's statistics
        var shared = b.Report.Weights;

        await redis.KillAsync();
        for (var waited = 0; b.Connection.IsConnected; waited += 10)
        {
            Assert.True(waited < 30_000, "The connection never noticed Redis was gone.");
            await Task.Delay(10);
        }

        b.Update(); // solves again (it read A's last time); the exchange fails
        Assert.False(b.Learner.Changed);
        Assert.Equal(shared.OrderBy(p => p.Key, StringComparer.Ordinal), b.Report.Weights.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains(shared.Values, weight => Math.Abs(weight) > 1e-3);
    }

    private static RedisKey[] LearningKeys(ConnectionMultiplexer admin) =>
        [.. admin.GetServers()[0].Keys(pattern: "personalize:l:*")];

    /// <summary>A signal only one of the servers has: its models have other features.</summary>
    private sealed class MarginSignal : ISignalProvider
    {
        public string Name => "margin";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = candidates[i] % 2 == 0 ? 1f : 0f;
            }
        }
    }

    /// <summary>Thirty rewarded decisions on <paramref name="rewarded"/>, five unrewarded on <paramref name="unrewarded"/>, all past their wait.</summary>
    private static void ServeRewardsOnlyOnTheFirst(LearningServer rewarded, LearningServer unrewarded)
    {
        rewarded.Serve("a", 30);
        unrewarded.Serve("b", 5, reward: 0);
        rewarded.PassRewardWait();
        unrewarded.PassRewardWait();
    }

    /// <summary>A log sink that blocks its first write until released, saying how many writes the write-behind held when it was entered.</summary>
    private sealed class BlockingSink : ILearningLogSink
    {
        private bool _returned;

        /// <summary>Whether the blocked write has returned.</summary>
        public bool Returned => Volatile.Read(ref _returned);

        public Func<int>? Buffered { get; set; }

        public TaskCompletionSource<int> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Write(LearningRecord record)
        {
            if (Entered.TrySetResult(Buffered?.Invoke() ?? -1))
            {
                Released.Task.Wait(TimeSpan.FromSeconds(30));
                Volatile.Write(ref _returned, true);
            }
        }
    }
}
