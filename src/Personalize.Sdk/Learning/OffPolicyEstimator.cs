using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Learning;

/// <summary>
/// Estimates what a policy would have earned from decisions another policy made and logged with
/// their probabilities (Dudik, Langford and Li 2011; Swaminathan and Joachims 2015): the direct
/// method, clipped inverse propensity scoring, self-normalised IPS and doubly robust, each with a
/// confidence interval from the sample variance of its per-decision terms (the delta method for
/// the self-normalised ratio).
/// </summary>
internal static class OffPolicyEstimator
{
    /// <summary>The default clip on an importance weight, as in Vowpal Wabbit's and Azure Personalizer's offline evaluations.</summary>
    public const double DefaultMaxWeight = 100;

    /// <summary>Estimates the evaluated policy's mean reward from <paramref name="rounds"/>.</summary>
    /// <param name="rounds">The logged decisions; at least one.</param>
    /// <param name="confidence">The confidence level of the intervals, in (0, 1).</param>
    /// <param name="maxWeight">The largest importance weight IPS and doubly robust use; larger ones are clipped to it.</param>
    /// <exception cref="ArgumentException">No rounds, or a logged probability outside (0, 1].</exception>
    public static OffPolicyEstimates Estimate(ReadOnlySpan<LoggedRound> rounds, double confidence = 0.95, double maxWeight = DefaultMaxWeight)
    {
        if (rounds.IsEmpty)
        {
            throw new ArgumentException("At least one logged decision is needed.", nameof(rounds));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1.0);
        var z = Distributions.NormalQuantile(0.5 + (confidence / 2));

        double directSum = 0, directSquares = 0;
        double ipsSum = 0, ipsSquares = 0;
        double robustSum = 0, robustSquares = 0;
        double weightSum = 0, weightSquares = 0;
        double weightedReward = 0;
        foreach (var round in rounds)
        {
            if (!(round.LoggedProbability is > 0 and <= 1))
            {
                throw new ArgumentException("Every logged probability must be in (0, 1]: a choice the logging policy could not make cannot be weighed.", nameof(rounds));
            }

            var weight = Math.Min(round.TargetProbability / round.LoggedProbability, maxWeight);
            var direct = round.PredictedTargetValue;
            var ips = weight * round.Reward;
            var robust = direct + (weight * (round.Reward - round.PredictedReward));
            (directSum, directSquares) = (directSum + direct, directSquares + (direct * direct));
            (ipsSum, ipsSquares) = (ipsSum + ips, ipsSquares + (ips * ips));
            (robustSum, robustSquares) = (robustSum + robust, robustSquares + (robust * robust));
            (weightSum, weightSquares) = (weightSum + weight, weightSquares + (weight * weight));
            weightedReward += ips;
        }

        var n = rounds.Length;
        var effective = weightSquares > 0 ? weightSum * weightSum / weightSquares : 0;
        return new OffPolicyEstimates(
            Mean(directSum, directSquares, n, z, n),
            Mean(ipsSum, ipsSquares, n, z, effective),
            SelfNormalized(rounds, weightedReward, weightSum, maxWeight, z, effective),
            Mean(robustSum, robustSquares, n, z, effective),
            n);
    }

    private static OffPolicyEstimate Mean(double sum, double squares, int n, double z, double effective)
    {
        var mean = sum / n;
        if (n < 2)
        {
            // One term has no spread to measure: the interval is unknown, not zero wide.
            return new OffPolicyEstimate(mean, double.NaN, double.NaN, effective);
        }

        var variance = Math.Max(0, (squares - (n * mean * mean)) / (n - 1));
        var half = z * Math.Sqrt(variance / n);
        return new OffPolicyEstimate(mean, mean - half, mean + half, effective);
    }

    /// <summary>The ratio sum(w r) / sum(w), its variance by the delta method: sum(w^2 (r - ratio)^2) / sum(w)^2.</summary>
    private static OffPolicyEstimate SelfNormalized(ReadOnlySpan<LoggedRound> rounds, double weightedReward, double weightSum, double maxWeight, double z, double effective)
    {
        if (weightSum <= 0)
        {
            // The evaluated policy never makes a logged choice: the logs say nothing about it.
            return new OffPolicyEstimate(double.NaN, double.NaN, double.NaN, 0);
        }

        var ratio = weightedReward / weightSum;
        if (rounds.Length < 2)
        {
            return new OffPolicyEstimate(ratio, double.NaN, double.NaN, effective);
        }

        double spread = 0;
        foreach (var round in rounds)
        {
            var weight = Math.Min(round.TargetProbability / round.LoggedProbability, maxWeight);
            var residual = round.Reward - ratio;
            spread += weight * weight * residual * residual;
        }

        var half = z * Math.Sqrt(spread) / weightSum;
        return new OffPolicyEstimate(ratio, ratio - half, ratio + half, effective);
    }

    /// <summary>
    /// The doubly robust estimate of <paramref name="target"/>'s mean reward per round minus
    /// <paramref name="baseline"/>'s, paired round by round (the same logged decisions in the same
    /// order), so what both share cancels. The rounds of one decision (its slots) share the person and
    /// the slate, so the interval treats each decision as one sample: the ratio of the sums of its
    /// rounds' differences to the number of rounds, with a delta-method variance over decisions.
    /// </summary>
    /// <param name="target">The evaluated policy's rounds.</param>
    /// <param name="baseline">The baseline's rounds, in the same order.</param>
    /// <param name="roundsPerDecision">How many consecutive rounds each decision has; empty for one each.</param>
    /// <param name="confidence">The confidence level of the interval.</param>
    /// <param name="maxWeight">The clip on an importance weight.</param>
    /// <returns>The difference, its interval, and the effective sample size of the target's weights.</returns>
    public static OffPolicyEstimate Difference(ReadOnlySpan<LoggedRound> target, ReadOnlySpan<LoggedRound> baseline, ReadOnlySpan<int> roundsPerDecision = default, double confidence = 0.95, double maxWeight = DefaultMaxWeight)
    {
        if (target.IsEmpty || target.Length != baseline.Length)
        {
            throw new ArgumentException("Both policies need the same logged decisions, at least one.", nameof(baseline));
        }

        var z = Distributions.NormalQuantile(0.5 + (confidence / 2));
        double total = 0, weightSum = 0, weightSquares = 0;
        var differences = new double[target.Length];
        for (var i = 0; i < target.Length; i++)
        {
            differences[i] = Robust(target[i], maxWeight, out var weight) - Robust(baseline[i], maxWeight, out _);
            total += differences[i];
            weightSum += weight;
            weightSquares += weight * weight;
        }

        var effective = weightSquares > 0 ? weightSum * weightSum / weightSquares : 0;
        var mean = total / target.Length;
        var decisions = roundsPerDecision.IsEmpty ? target.Length : roundsPerDecision.Length;
        double spread = 0;
        var round = 0;
        for (var d = 0; d < decisions; d++)
        {
            var count = roundsPerDecision.IsEmpty ? 1 : roundsPerDecision[d];
            double residual = 0;
            for (var r = 0; r < count; r++, round++)
            {
                residual += differences[round] - mean;
            }

            spread += residual * residual;
        }

        if (round != target.Length)
        {
            throw new ArgumentException("The decisions' rounds must add up to the rounds given.", nameof(roundsPerDecision));
        }

        if (decisions < 2)
        {
            return new OffPolicyEstimate(mean, double.NaN, double.NaN, effective);
        }

        var variance = spread * decisions / (decisions - 1) / ((double)target.Length * target.Length);
        var half = z * Math.Sqrt(variance);
        return new OffPolicyEstimate(mean, mean - half, mean + half, effective);
    }

    private static double Robust(in LoggedRound round, double maxWeight, out double weight)
    {
        weight = Math.Min(round.TargetProbability / round.LoggedProbability, maxWeight);
        return round.PredictedTargetValue + (weight * (round.Reward - round.PredictedReward));
    }
}
