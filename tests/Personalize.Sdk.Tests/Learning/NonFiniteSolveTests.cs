using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// Weights that come out of a solve not finite (other servers' statistics that are not) never
/// serve: the last solved version keeps serving, and the failed solve is counted.
/// </summary>
public sealed class NonFiniteSolveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_solve_that_gives_weights_that_are_not_finite_keeps_the_last_version_and_is_counted()
    {
        var exchange = new ScriptedExchange();
        using var sdk = new TestSdk(
            options =>
            {
                options.MaxPerCategory = 0;
                options.Learning.Mode = LearningMode.Online;
                options.Learning.ExplorationRate = 0;
                options.Learning.RewardWaitTime = Wait;
                options.Learning.UpdateInterval = TimeSpan.FromHours(1);
                options.Learning.MinSettledDecisions = 1;
            },
            builder => builder.Services.AddSingleton<ILearningExchange>(exchange));
        using var failures = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.update_failures");
        var reporter = sdk.Services.GetRequiredService<ILearningReporter>();
        Serve(sdk, "a");
        Update(sdk);
        var good = Assert.Single(reporter.GetReport().Placements);
        Assert.Equal(1, good.PolicyVersion);

        // The next exchange brings back "other servers' statistics" that are NaN: a new version to solve.
        exchange.Others = own => Enumerable.Repeat(double.NaN, own.Length).ToArray();
        Update(sdk);
        Serve(sdk, "b");
        Update(sdk);

        var after = Assert.Single(reporter.GetReport().Placements);
        Assert.Equal(1, after.PolicyVersion);
        Assert.Equal(good.Weights, after.Weights);
        Assert.All(after.Weights.Values, weight => Assert.True(double.IsFinite(weight)));
        Assert.True(failures.GetMeasurementSnapshot().Sum(measurement => measurement.Value) >= 1);
        Assert.All(sdk.Rank("someone-new", 5).Items, item => Assert.True(float.IsFinite(item.Score)));
        Assert.All(sdk.Rank("a-0", 5).Items, item => Assert.True(float.IsFinite(item.Score)));
    }

    private static void Serve(TestSdk sdk, string prefix)
    {
        for (var i = 0; i < 10; i++)
        {
            var user = $"{prefix}-{i}";
            sdk.View(user, "books-1");
            var decision = sdk.Rank(user, 3);
            sdk.Personalizer.Reward(decision.Id, decision.Items[i % 3].ItemKey, 1);
        }
    }

    private static void Update(TestSdk sdk)
    {
        sdk.Time.Advance(Wait + TimeSpan.FromSeconds(1));
        ((Personalizer)sdk.Personalizer).Learner.Update();
    }

    /// <summary>Answers at once with what <see cref="Others"/> makes of this server's statistics (nothing at first).</summary>
    private sealed class ScriptedExchange : ILearningExchange
    {
        public Func<double[], double[]?> Others { get; set; } = _ => null;

        public Task<double[]?> ExchangeAsync(string placement, IReadOnlyList<string> features, double[] own, CancellationToken cancellationToken) =>
            Task.FromResult(Others(own));
    }
}
