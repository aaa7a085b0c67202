using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// <c>OnlineReward.Lower</c> and <c>Upper</c>: a 95% interval within [0, 1], the range of rewards;
/// Wilson's score interval while every reward was 0 or 1 or all were alike, else the normal one, clipped.
/// </summary>
public sealed class OnlineTallyTests
{
    private static readonly double Z = Distributions.NormalQuantile(0.975);

    [Fact]
    public void Decisions_that_all_earned_nothing_get_an_interval_above_zero_not_a_point()
    {
        var result = Tally(Enumerable.Repeat(0.0, 40)).Result();

        Assert.Equal(0, result.Mean);
        Assert.Equal(0, result.Lower);
        // Wilson's upper end at 0 of n: z² / (n + z²).
        Assert.Equal(Z * Z / (40 + (Z * Z)), result.Upper, 12);
    }

    [Fact]
    public void Rewards_of_zero_and_one_get_wilsons_score_interval()
    {
        var rewards = Enumerable.Repeat(1.0, 3).Concat(Enumerable.Repeat(0.0, 17)).ToArray();

        var result = Tally(rewards).Result();

        var (n, p, z2) = (20.0, 0.15, Z * Z);
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        Assert.Equal(0.15, result.Mean, 12);
        Assert.Equal(centre - half, result.Lower, 12);
        Assert.Equal(centre + half, result.Upper, 12);
    }

    [Fact]
    public void A_normal_interval_reaching_below_zero_is_clipped_to_the_range_of_rewards()
    {
        // Mostly nothing, one decision a quarter rewarded: the normal interval's lower end is below 0.
        var rewards = Enumerable.Repeat(0.0, 9).Append(0.25).ToArray();
        var mean = rewards.Average();
        var sd = Math.Sqrt(rewards.Sum(r => (r - mean) * (r - mean)) / (rewards.Length - 1));
        Assert.True(mean - (Z * sd / Math.Sqrt(rewards.Length)) < 0);

        var result = Tally(rewards).Result();

        Assert.Equal(0, result.Lower);
        Assert.Equal(mean + (Z * sd / Math.Sqrt(rewards.Length)), result.Upper, 12);
    }

    [Fact]
    public void A_normal_interval_reaching_above_one_is_clipped_to_the_range_of_rewards()
    {
        var rewards = Enumerable.Repeat(1.0, 9).Append(0.75).ToArray();
        var mean = rewards.Average();
        var sd = Math.Sqrt(rewards.Sum(r => (r - mean) * (r - mean)) / (rewards.Length - 1));

        var result = Tally(rewards).Result();

        Assert.Equal(1, result.Upper);
        Assert.Equal(mean - (Z * sd / Math.Sqrt(rewards.Length)), result.Lower, 12);
    }

    [Fact]
    public void Rewards_between_the_ends_keep_the_normal_interval()
    {
        double[] rewards = [0.2, 0.5, 0.4, 0.3, 0.6, 0.5, 0.25, 0.45];
        var mean = rewards.Average();
        var half = Z * Math.Sqrt(rewards.Sum(r => (r - mean) * (r - mean)) / (rewards.Length - 1) / rewards.Length);

        var result = Tally(rewards).Result();

        Assert.Equal(mean - half, result.Lower, 12);
        Assert.Equal(mean + half, result.Upper, 12);
    }

    [Fact]
    public void Decisions_that_all_earned_the_same_default_reward_get_wilsons_interval_not_a_point()
    {
        var result = Tally(Enumerable.Repeat(0.1, 30)).Result();

        var (n, p, z2) = (30.0, 0.1, Z * Z);
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        Assert.Equal(0.1, result.Mean, 12);
        Assert.Equal(centre - half, result.Lower, 12);
        Assert.Equal(centre + half, result.Upper, 12);
        Assert.True(result.Upper - result.Lower > 0.1);
    }

    private static OnlineTally Tally(IEnumerable<double> rewards)
    {
        var tally = new OnlineTally("default");
        foreach (var reward in rewards)
        {
            tally.Add(reward);
        }

        return tally;
    }
}
