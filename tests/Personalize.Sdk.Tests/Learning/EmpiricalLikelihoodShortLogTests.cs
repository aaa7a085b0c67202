using Personalize.Sdk.Learning;
using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The self-normalised interval on short or uniform logs, where every decision has the same weight
/// and the same reward: the likelihood's set alone was too narrow there (found by a second review),
/// and the exact binomial interval at the effective sample size keeps it honest.
/// </summary>
public sealed class EmpiricalLikelihoodShortLogTests(ITestOutputHelper output)
{
    /// <summary>
    /// A policy that agrees with the logging one 90% of the time (5% exploration over 32 items): five
    /// logged decisions, none explored, none rewarded, so every weight is 0.9 / 0.9516. The unseen
    /// point's grid jumps from weight 1 to 2^(1/4) = 1.19, right where the extreme moves fastest (it
    /// grows as 1 / (w0 − 0.946)), so the likelihood's upper end alone was 0.265 at every confidence.
    /// Five misses have probability 0.33 at a reward rate of 0.2; the exact 95% binomial upper end is
    /// 0.52, which the floor now gives.
    /// </summary>
    [Fact]
    public void A_99_percent_interval_is_wider_than_a_90_percent_one_on_five_unrewarded_decisions()
    {
        var weights = Enumerable.Repeat(0.9 / (0.95 + (0.05 / 32)), 5).ToArray();
        var rewards = new double[5];

        var (_, upper90) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.90);
        var (_, upper95) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);
        var (_, upper99) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.99);

        output.WriteLine($"upper ends: 90% {upper90:F4}, 95% {upper95:F4}, 99% {upper99:F4}");
        Assert.True(upper99 > upper90, $"the 99% upper end {upper99:F4} is no higher than the 90% one {upper90:F4}");
        Assert.True(upper95 > 0.4, $"five misses: the 95% upper end is {upper95:F4} (exact binomial 0.52)");
    }

    /// <summary>
    /// The same policy by simulation (as EmpiricalLikelihoodIntervalTests' small-n theory, which holds
    /// its regime at n = 20 and rewards 1 / 0.1): the logging policy's greedy item rewarded 20% of the
    /// time, the target's other choice 90%, five decisions. Without the binomial floor the 95% and 99%
    /// intervals covered the truth (0.27) in 75% of runs, both, the misses all above the upper end.
    /// </summary>
    [Theory]
    [InlineData(0.95)]
    [InlineData(0.99)]
    public void A_short_log_of_a_policy_near_the_logging_one_is_covered_at_least_90_percent_of_the_time(double confidence)
    {
        const int Items = 32, N = 5, Runs = 2_000;
        var logging = Enumerable.Range(0, Items).Select(a => (a == 0 ? 0.95 : 0) + (0.05 / Items)).ToArray();
        var target = new double[Items];
        (target[0], target[1]) = (0.9, 0.1);
        var mean = Enumerable.Repeat(0.3, Items).ToArray();
        (mean[0], mean[1]) = (0.2, 0.9);
        var truth = target.Select((t, a) => t * mean[a]).Sum();
        var random = new Random(11);
        int covered = 0, valid = 0, above = 0;
        for (var run = 0; run < Runs; run++)
        {
            var rounds = SimulatedLog.Rounds(random, logging, target, mean, N);

            var estimate = OffPolicyEstimator.Estimate(rounds, default, confidence).SelfNormalized;
            if (!double.IsNaN(estimate.Lower))
            {
                valid++;
                covered += estimate.Lower <= truth && truth <= estimate.Upper ? 1 : 0;
                above += truth > estimate.Upper ? 1 : 0;
            }
        }

        Assert.True(covered >= 0.9 * valid, $"{confidence:P0} interval covered {truth:F3} in {covered} of {valid} runs ({covered / (double)valid:P1}); above the upper end in {above}");
    }

    /// <summary>
    /// Thirty unrewarded decisions gave [0, 0] with the unseen point tried at its two ends alone; trying
    /// it at weight 1 helped only when every weight is exactly 1: thirty misses whose weights are all
    /// just off 1 (1 + 1e-6; or 0.955 / 0.82, the greedy choice's when decisions logged exploring 20%
    /// over ten items are judged at 5%) still gave [0, 0] before the binomial floor.
    /// </summary>
    [Theory]
    [InlineData(1.000001)]
    [InlineData(0.955 / 0.82)]
    public void Thirty_unrewarded_decisions_of_equal_weights_near_1_do_not_give_a_zero_wide_interval(double weight)
    {
        var weights = Enumerable.Repeat(weight, 30).ToArray();
        var rewards = new double[30];

        var (lower, upper) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);

        Assert.True(upper > 0.01, $"weights {weight}: 95% interval after 30 unrewarded decisions [{lower}, {upper}] (with weights exactly 1: [0, 0.097])");
    }
}
