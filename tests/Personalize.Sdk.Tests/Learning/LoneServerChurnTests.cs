using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// docs/scaling.md, "Learning across servers": "a server alone reads back its own statistics, which
/// is no change". A lone server that learns in two updates must add one version per update that
/// learned, and none when idle.
/// </summary>
public sealed class LoneServerChurnTests
{
    [Fact]
    public void A_server_alone_in_the_exchange_adds_one_version_per_update_that_learned()
    {
        var exchange = new AloneExchange();
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), build: builder => builder.Services.AddSingleton<ILearningExchange>(exchange));
        double[] rewards = [0.1, 0.3, 0.7, 0.9];
        var random = new Random(3);
        var versions = new List<int>();
        string[] viewed = ["books-1", "coffee-2", "hiking-3"];
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 10; i++)
            {
                var user = $"u{round}-{i}";
                sdk.View(user, viewed[random.Next(viewed.Length)]);
                var decision = sdk.Rank(user, 3);
                sdk.Personalizer.Reward(decision.Id, decision.Items[random.Next(3)].ItemKey, rewards[random.Next(rewards.Length)]);
            }

            RewardTests.Settle(sdk);
            Exchanged(sdk);
            versions.Add(Version(sdk));
        }

        Update(sdk);
        Update(sdk);
        Update(sdk);

        versions.Add(Version(sdk));

        // One version per update that learned (1, 2, 3); idle updates add none.
        Assert.Equal([1, 2, 3, 3], versions);
    }

    private static void Update(TestSdk sdk)
    {
        RewardTests.Update(sdk);
        Exchanged(sdk);
    }

    private static void Exchanged(TestSdk sdk) => ((Personalizer)sdk.Personalizer).Learner.LastExchange.GetAwaiter().GetResult();

    private static int Version(TestSdk sdk) =>
        Assert.Single(sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements).PolicyVersion;

    /// <summary>Redis with this server alone: the sum of every field is its own field.</summary>
    private sealed class AloneExchange : ILearningExchange
    {
        public Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken)
        {
            var sum = new double[own.Length];
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += own[i];
            }

            return Task.FromResult<double[]?>(sum);
        }
    }
}
