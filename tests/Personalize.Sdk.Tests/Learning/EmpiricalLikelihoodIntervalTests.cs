using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The self-normalised estimate's empirical-likelihood interval: on the logging policy itself it is
/// the familiar interval of a mean, and it widens by the share of a policy's choices the log lacks,
/// where the delta method's interval stays narrow around the few decisions that weigh.
/// </summary>
public sealed class EmpiricalLikelihoodIntervalTests
{
    [Fact]
    public void With_every_weight_1_it_is_close_to_the_t_interval_of_the_mean()
    {
        var random = new Random(5);
        var rewards = Enumerable.Range(0, 2_000).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
        var weights = Enumerable.Repeat(1.0, rewards.Length).ToArray();

        var (lower, upper) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);

        var mean = rewards.Average();
        var half = Distributions.StudentTCritical(0.05, rewards.Length) * Math.Sqrt(mean * (1 - mean) / rewards.Length);
        Assert.InRange(lower, mean - (1.1 * half), mean - (0.9 * half));
        Assert.InRange(upper, mean + (0.9 * half), mean + (1.1 * half));
    }

    [Fact]
    public void What_the_weights_lack_of_their_mean_may_carry_any_reward()
    {
        // A quarter of the decisions chose what the policy would (weight 1), the rest not (weight 0):
        // the policy's other three quarters were never seen, so its value is anywhere from 0.125
        // (they earn 0) to 0.875 (they earn 1), though every reward seen is 0.5.
        var weights = Enumerable.Range(0, 1_000).Select(i => i % 4 == 0 ? 1.0 : 0.0).ToArray();
        var rewards = Enumerable.Repeat(0.5, weights.Length).ToArray();

        var (lower, upper) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);

        Assert.InRange(lower, 0.0, 0.125);
        Assert.InRange(upper, 0.875, 1.0);
        Assert.True(upper - lower < 0.9, $"[{lower}, {upper}] should not be all of [0, 1] with 250 decisions behind it");
    }

    [Fact]
    public void The_more_the_log_covers_the_narrower_it_gets()
    {
        var widths = new List<double>();
        foreach (var every in new[] { 5, 2, 1 })
        {
            // Every 5th, 2nd or every decision chose what the policy would, weighing `every` so that
            // the weights have their mean of 1; two rewards in five are 1.
            var weights = Enumerable.Range(0, 4_000).Select(i => i % every == 0 ? every : 0.0).ToArray();
            var rewards = Enumerable.Range(0, 4_000).Select(i => (i / every) % 5 < 2 ? 1.0 : 0.0).ToArray();

            var (lower, upper) = EmpiricalLikelihoodInterval.Of(weights, rewards, 0.95);

            Assert.InRange(0.4, lower, upper);
            widths.Add(upper - lower);
        }

        Assert.True(widths[0] > widths[1] && widths[1] > widths[2], string.Join(", ", widths));
    }

    [Fact]
    public void Its_bounds_stay_within_the_rewards_range_and_are_unknown_for_one_decision()
    {
        var (lower, upper) = EmpiricalLikelihoodInterval.Of([300.0, 0, 0, 0, 0], [1.0, 0, 0, 0, 0], 0.95);
        Assert.InRange(lower, 0, 1);
        Assert.InRange(upper, lower, 1);

        var (wideLower, wideUpper) = EmpiricalLikelihoodInterval.Of([1.0, 1.0, 1.0], [-2.0, 3.0, 0.5], 0.95);
        Assert.InRange(wideLower, -2, 3);
        Assert.InRange(wideUpper, wideLower, 3);

        var (one, alone) = EmpiricalLikelihoodInterval.Of([1.0], [1.0], 0.95);
        Assert.True(double.IsNaN(one) && double.IsNaN(alone));
    }
}
