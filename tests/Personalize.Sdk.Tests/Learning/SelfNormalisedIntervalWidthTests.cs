using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The self-normalised interval's width and coverage where a binomial floor would mislead: rewards
/// between 0 and 1, and five decisions near the logging policy (found by a third review of the interval, when it held a Wilson floor for every reward).
/// </summary>
public sealed class SelfNormalisedIntervalWidthTests
{
    /// <summary>
    /// On-policy (every weight 1), 10,000 decisions: the interval should be about the t interval of
    /// the mean. A binomial floor would treat any reward in [0, 1] as a coin, so rewards with little
    /// spread (a rating-like reward in [0.45, 0.55]; or the SDK's default automatic click reward of
    /// 0.3) got the width of a binomial of the same mean, many times the interval the data support:
    /// the floor holds only for rewards at the ends of their range, or all alike.
    /// </summary>
    [Theory]
    [InlineData("uniform in [0.45, 0.55]")]
    [InlineData("click 0.3 half the time")]
    public void On_policy_with_10000_decisions_the_interval_is_within_one_and_a_half_times_the_t_interval(string rewardKind)
    {
        const int N = 10_000;
        var random = new Random(1);
        var rewards = Enumerable.Range(0, N)
            .Select(_ => rewardKind.StartsWith("uniform", StringComparison.Ordinal) ? 0.45 + (0.1 * random.NextDouble()) : random.NextDouble() < 0.5 ? 0.3 : 0)
            .ToArray();
        var weights = Enumerable.Repeat(1.0, N).ToArray();

        var (lower, upper) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);

        var mean = rewards.Average();
        var sd = Math.Sqrt(rewards.Sum(r => (r - mean) * (r - mean)) / (N - 1));
        var t = 2 * Distributions.StudentTCritical(0.05, N) * sd / Math.Sqrt(N);
        Assert.True(upper - lower <= 1.5 * t, $"{rewardKind}: [{lower:F4}, {upper:F4}], width {upper - lower:F4}, {(upper - lower) / t:F1} times the t interval's {t:F4}");
    }

    /// <summary>
    /// Five decisions logged at 5% exploration over 32 items, judged for the same greedy choice at
    /// 2.5% exploration (weights 1.0255 on the greedy item, 0.5 on an explored one), every item
    /// rewarded at 0.645. The likelihood's set is narrow on equal weights not 1, so the interval is the
    /// binomial floor's of five: a Wilson one dipped to about 83% at 90% near such rates, the exact
    /// (Clopper-Pearson) one does not.
    /// </summary>
    [Fact]
    public void A_90_percent_interval_of_five_decisions_near_the_logging_policy_covers_at_least_87_percent()
    {
        const int Items = 32, N = 5, Runs = 4_000;
        const double Epsilon = 0.05, Rate = 0.645;
        var logging = Enumerable.Range(0, Items).Select(a => (a == 0 ? 1 - Epsilon : 0) + (Epsilon / Items)).ToArray();
        var target = Enumerable.Range(0, Items).Select(a => (a == 0 ? 1 - (Epsilon / 2) : 0) + (Epsilon / 2 / Items)).ToArray();
        var random = new Random(7);
        var covered = 0;
        for (var run = 0; run < Runs; run++)
        {
            var rounds = SimulatedLog.Rounds(random, logging, target, Enumerable.Repeat(Rate, logging.Length).ToArray(), N);

            var estimate = OffPolicyEstimator.Estimate(rounds, default, 0.90).SelfNormalized;
            covered += estimate.Lower <= Rate && Rate <= estimate.Upper ? 1 : 0;
        }

        Assert.True(covered >= 0.87 * Runs, $"the 90% interval covered {Rate} in {covered} of {Runs} runs ({covered / (double)Runs:P1})");
    }
}
