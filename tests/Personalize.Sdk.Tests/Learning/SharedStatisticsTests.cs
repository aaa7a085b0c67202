using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// docs/scaling.md, "Learning across servers": servers that share their statistics learn one policy.
/// Floating-point addition is not associative, so a server solving from its own statistics plus the
/// others' sum (A + (B + C) on A, B + (A + C) on B) would learn weights that differ in the last bits;
/// every server solves from the sum of every server's statistics in one order, its own included,
/// and so from the same numbers.
/// </summary>
public sealed class SharedStatisticsTests
{
    private static readonly string[] Servers = ["a", "b", "c"];

    [Fact]
    public void Three_servers_that_learned_different_decisions_learn_the_same_weights_bit_for_bit()
    {
        var hash = new SharedHash();
        var servers = Servers.Select(name => RewardTests.Learning(
            new RewardTests.RecordingSink(),
            build: builder => builder.Services.AddSingleton<ILearningExchange>(hash.Field(name)))).ToArray();
        try
        {
            for (var s = 0; s < servers.Length; s++)
            {
                Serve(servers[s], Servers[s], seed: s);
                RewardTests.Settle(servers[s]);
                Exchanged(servers[s]);
            }

            // Until every server has read every other's last statistics and solved with them.
            for (var round = 0; round < 3; round++)
            {
                foreach (var server in servers)
                {
                    Update(server);
                }
            }

            var policies = servers.Select(Policy).ToArray();
            Assert.Contains(policies[0].Theta, weight => Math.Abs(weight) > 1e-3);
            Assert.All(policies, policy => Assert.Equal(policies[0].Theta, policy.Theta));
            Assert.All(policies, policy => Assert.Equal(policies[0].Observations, policy.Observations));
            var weights = servers.Select(server => Assert.Single(server.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).Weights).ToArray();
            Assert.All(weights, each => Assert.Equal(weights[0].OrderBy(p => p.Key, StringComparer.Ordinal), each.OrderBy(p => p.Key, StringComparer.Ordinal)));

            // An idle cluster adds no versions.
            var versions = policies.Select(policy => policy.Version).ToArray();
            foreach (var server in servers)
            {
                Update(server);
            }

            Assert.Equal(versions, servers.Select(server => Policy(server).Version));
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }
        }
    }

    [Fact]
    public void The_shared_weights_are_the_weights_of_all_the_observations_together_up_to_rounding()
    {
        const int Dimensions = 5;
        var random = new Random(11);
        LinearRewardModel[] servers = [new(Dimensions), new(Dimensions), new(Dimensions)];
        var union = new LinearRewardModel(Dimensions);
        double[] rewards = [0, 0.3, 0.6, 1];
        for (var i = 0; i < 3_000; i++)
        {
            float[] x = [(float)random.NextDouble(), (float)random.NextDouble(), (float)random.NextDouble() * 0.7f, (float)random.NextDouble() * 0.3f, 1f];
            var reward = rewards[random.Next(rewards.Length)];
            servers[i % 3].Observe(x, reward);
            union.Observe(x, reward);
        }

        var sum = new double[union.StatisticsLength];
        var statistics = new double[union.StatisticsLength];
        foreach (var server in servers)
        {
            server.WriteStatistics(statistics);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += statistics[i];
            }
        }

        var solver = new LinearRewardModel(Dimensions);
        solver.ReadStatistics(sum);
        var shared = new double[Dimensions];
        solver.SolveInto(shared);
        var whole = new double[Dimensions];
        union.SolveInto(whole);

        Assert.Equal(union.Observations, solver.Observations);
        for (var i = 0; i < Dimensions; i++)
        {
            Assert.Equal(whole[i], shared[i], 1e-9);
        }
    }

    /// <summary>Thirty decisions, each rewarded on one of its items with one of a few values.</summary>
    private static void Serve(TestSdk sdk, string prefix, int seed)
    {
        var random = new Random(seed);
        double[] rewards = [0, 0.3, 0.7, 1];
        string[] viewed = ["books-1", "coffee-2", "hiking-3"];
        for (var i = 0; i < 30; i++)
        {
            var user = $"{prefix}-{i}";
            sdk.View(user, viewed[random.Next(viewed.Length)]);
            var decision = sdk.Rank(user, 3);
            sdk.Personalizer.Reward(decision.Id, decision.Items[random.Next(3)].ItemKey, rewards[random.Next(rewards.Length)]);
        }
    }

    private static void Update(TestSdk sdk)
    {
        RewardTests.Update(sdk);
        Exchanged(sdk);
    }

    private static void Exchanged(TestSdk sdk) => ((Personalizer)sdk.Personalizer).Learner.LastExchange.GetAwaiter().GetResult();

    private static LearnedPolicy Policy(TestSdk sdk) => ((Personalizer)sdk.Personalizer).Learner.For(0)!.Policy;

    /// <summary>What Redis holds: one field per server; an exchange writes its own and answers the sum of every field, in the order of their names.</summary>
    private sealed class SharedHash
    {
        private readonly SortedDictionary<string, double[]> _fields = new(StringComparer.Ordinal);

        public ILearningExchange Field(string name) => new Exchange(this, name);

        private sealed class Exchange(SharedHash hash, string name) : ILearningExchange
        {
            public Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken)
            {
                lock (hash._fields)
                {
                    hash._fields[name] = [.. own];
                    var sum = new double[own.Length];
                    foreach (var statistics in hash._fields.Values)
                    {
                        for (var i = 0; i < sum.Length; i++)
                        {
                            sum[i] += statistics[i];
                        }
                    }

                    return Task.FromResult<double[]?>(sum);
                }
            }
        }
    }
}
