using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Learning;

/// <summary>
/// Estimates what a policy would have earned from decisions another policy made and logged with
/// their probabilities (Dudik, Langford and Li 2011; Swaminathan and Joachims 2015): the direct
/// method, clipped inverse propensity scoring, self-normalised IPS and doubly robust, each with a
/// confidence interval from the spread of its terms over decisions, a decision's slots counted as
/// one sample (the delta method for the ratios). Only IPS clips its weights: self-normalised IPS,
/// doubly robust, the paired difference and the effective sample size use them whole, so doubly
/// robust stays unbiased when the probabilities are right (the SDK's exploration bounds every
/// weight: at most 1 + (1 - epsilon) × pool / epsilon).
/// </summary>
internal static class OffPolicyEstimator
{
    /// <summary>The default clip on an importance weight, as in Vowpal Wabbit's and Azure Personalizer's offline evaluations.</summary>
    public const double DefaultMaxWeight = 100;

    /// <summary>
    /// Estimates the evaluated policy's mean reward per round from <paramref name="rounds"/>. The
    /// rounds of one decision (its slots) share the person and the slate, so each interval treats a
    /// decision as one sample: a mean's variance is that of the ratio of the decisions' sums to their
    /// rounds (delta method, with the small-sample factor D / (D - 1) over D decisions); with a
    /// single decision the spread is unknown and the bounds are NaN. When the evaluated policy gives
    /// every logged choice probability 0 (its importance weights sum to 0), the logs say nothing about
    /// it: IPS, self-normalised IPS and doubly robust are NaN with an effective sample size of 0,
    /// and only the direct method (the reward model's guess) has a value.
    /// </summary>
    /// <param name="rounds">The logged rounds, decision by decision; at least one.</param>
    /// <param name="roundsPerDecision">How many consecutive rounds each decision has; empty for one each.</param>
    /// <param name="confidence">The confidence level of the intervals, in (0, 1).</param>
    /// <param name="maxWeight">The largest importance weight IPS uses; larger ones are clipped to it (the other estimates use them whole).</param>
    /// <exception cref="ArgumentException">No rounds, a logged probability outside (0, 1], or decisions whose rounds are not positive or do not add up to the rounds given.</exception>
    public static OffPolicyEstimates Estimate(ReadOnlySpan<LoggedRound> rounds, ReadOnlySpan<int> roundsPerDecision = default, double confidence = 0.95, double maxWeight = DefaultMaxWeight)
    {
        if (rounds.IsEmpty)
        {
            throw new ArgumentException("At least one logged decision is needed.", nameof(rounds));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidence, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidence, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1.0);
        ThrowIfNotPartition(roundsPerDecision, rounds.Length);
        var z = Distributions.NormalQuantile(0.5 + (confidence / 2));

        double directSum = 0, ipsSum = 0, weightedSum = 0, robustSum = 0;
        double weightSum = 0, weightSquares = 0;
        foreach (var round in rounds)
        {
            if (!(round.LoggedProbability is > 0 and <= 1))
            {
                throw new ArgumentException("Every logged probability must be in (0, 1]: a choice the logging policy could not make cannot be weighed.", nameof(rounds));
            }

            var weight = Weight(round, double.PositiveInfinity);
            directSum += round.PredictedTargetValue;
            ipsSum += Weight(round, maxWeight) * round.Reward;
            weightedSum += weight * round.Reward;
            robustSum += round.PredictedTargetValue + (weight * (round.Reward - round.PredictedReward));
            weightSum += weight;
            weightSquares += weight * weight;
        }

        var n = rounds.Length;
        var decisions = roundsPerDecision.IsEmpty ? n : roundsPerDecision.Length;
        var direct = directSum / n;
        if (weightSum <= 0)
        {
            // The evaluated policy never makes a logged choice: the logs say nothing about it.
            var none = new OffPolicyEstimate(double.NaN, double.NaN, double.NaN, 0);
            var (directLow, directHigh) = Bounds(rounds, roundsPerDecision, direct, z, static (in LoggedRound round, double _, double mean) => round.PredictedTargetValue - mean, maxWeight);
            return new OffPolicyEstimates(new OffPolicyEstimate(direct, directLow, directHigh, n), none, none, none, n);
        }

        var ips = ipsSum / n;
        var robust = robustSum / n;
        var ratio = weightedSum / weightSum;
        var effective = weightSum * weightSum / weightSquares;
        var (dLow, dHigh) = Bounds(rounds, roundsPerDecision, direct, z, static (in LoggedRound round, double _, double mean) => round.PredictedTargetValue - mean, maxWeight);
        var (iLow, iHigh) = Bounds(rounds, roundsPerDecision, ips, z, static (in LoggedRound round, double weight, double mean) => (weight * round.Reward) - mean, maxWeight);
        var (rLow, rHigh) = Bounds(rounds, roundsPerDecision, robust, z, static (in LoggedRound round, double weight, double mean) => round.PredictedTargetValue + (weight * (round.Reward - round.PredictedReward)) - mean, double.PositiveInfinity);
        return new OffPolicyEstimates(
            new OffPolicyEstimate(direct, dLow, dHigh, n),
            new OffPolicyEstimate(ips, iLow, iHigh, effective),
            SelfNormalized(rounds, roundsPerDecision, decisions, ratio, weightSum, z, effective),
            new OffPolicyEstimate(robust, rLow, rHigh, effective),
            n);
    }

    private delegate double Residual(in LoggedRound round, double weight, double mean);

    /// <summary>
    /// The interval of a mean over rounds, each decision one sample: variance D / (D - 1) × sum over
    /// decisions of (its rounds' residuals summed)² / n²; with one round per decision, the sample
    /// variance over n. NaN bounds for fewer than two decisions.
    /// </summary>
    private static (double Lower, double Upper) Bounds(ReadOnlySpan<LoggedRound> rounds, ReadOnlySpan<int> roundsPerDecision, double mean, double z, Residual residual, double maxWeight)
    {
        var n = rounds.Length;
        var decisions = roundsPerDecision.IsEmpty ? n : roundsPerDecision.Length;
        if (decisions < 2)
        {
            // One decision has no spread to measure: the interval is unknown, not zero wide.
            return (double.NaN, double.NaN);
        }

        var terms = new double[n];
        for (var i = 0; i < n; i++)
        {
            terms[i] = residual(rounds[i], Weight(rounds[i], maxWeight), mean);
        }

        var variance = SpreadByDecision(terms, roundsPerDecision) * decisions / (decisions - 1) / ((double)n * n);
        var half = z * Math.Sqrt(variance);
        return (mean - half, mean + half);
    }

    /// <summary>The ratio sum(w r) / sum(w), its variance by the delta method over decisions: sum over decisions of (sum of w (r - ratio))² / sum(w)².</summary>
    private static OffPolicyEstimate SelfNormalized(ReadOnlySpan<LoggedRound> rounds, ReadOnlySpan<int> roundsPerDecision, int decisions, double ratio, double weightSum, double z, double effective)
    {
        if (decisions < 2)
        {
            return new OffPolicyEstimate(ratio, double.NaN, double.NaN, effective);
        }

        var terms = new double[rounds.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = Weight(rounds[i], double.PositiveInfinity) * (rounds[i].Reward - ratio);
        }

        var half = z * Math.Sqrt(SpreadByDecision(terms, roundsPerDecision)) / weightSum;
        return new OffPolicyEstimate(ratio, ratio - half, ratio + half, effective);
    }

    /// <summary>
    /// The sum over decisions of the square of the sum of their rounds' <paramref name="terms"/>:
    /// each decision one sample, however many slots it has (one round each when empty).
    /// </summary>
    private static double SpreadByDecision(ReadOnlySpan<double> terms, ReadOnlySpan<int> roundsPerDecision)
    {
        var decisions = roundsPerDecision.IsEmpty ? terms.Length : roundsPerDecision.Length;
        double spread = 0;
        var index = 0;
        for (var d = 0; d < decisions; d++)
        {
            var count = roundsPerDecision.IsEmpty ? 1 : roundsPerDecision[d];
            double sum = 0;
            for (var r = 0; r < count; r++, index++)
            {
                sum += terms[index];
            }

            spread += sum * sum;
        }

        return spread;
    }

    private static void ThrowIfNotPartition(ReadOnlySpan<int> roundsPerDecision, int rounds)
    {
        if (roundsPerDecision.IsEmpty)
        {
            return;
        }

        long total = 0;
        foreach (var count in roundsPerDecision)
        {
            if (count < 1)
            {
                throw new ArgumentException("Every decision has at least one round.", nameof(roundsPerDecision));
            }

            total += count;
        }

        if (total != rounds)
        {
            throw new ArgumentException("The decisions' rounds must add up to the rounds given.", nameof(roundsPerDecision));
        }
    }

    private static double Weight(in LoggedRound round, double maxWeight) => Math.Min(round.TargetProbability / round.LoggedProbability, maxWeight);

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
    /// <param name="maxWeight">A clip on an importance weight; none by default, so the difference is unbiased when the probabilities are right.</param>
    /// <returns>
    /// The difference, its interval, and the effective sample size of the target's weights; NaN with
    /// an effective sample size of 0 when the target gives every logged choice probability 0 (the
    /// logs say nothing about it). A baseline that does is taken at its reward model's value (its
    /// doubly robust terms reduce to the direct method), so a learned policy that serves alone can
    /// still be judged against the default and handed back.
    /// </returns>
    /// <exception cref="ArgumentException">The policies' rounds differ in number or are empty, or the decisions' rounds are not positive or do not add up to them.</exception>
    public static OffPolicyEstimate Difference(ReadOnlySpan<LoggedRound> target, ReadOnlySpan<LoggedRound> baseline, ReadOnlySpan<int> roundsPerDecision = default, double confidence = 0.95, double maxWeight = double.PositiveInfinity)
    {
        if (target.IsEmpty || target.Length != baseline.Length)
        {
            throw new ArgumentException("Both policies need the same logged decisions, at least one.", nameof(baseline));
        }

        ThrowIfNotPartition(roundsPerDecision, target.Length);
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

        if (weightSum <= 0)
        {
            // The target never makes a logged choice: the logs say nothing about it, so nothing about the difference.
            return new OffPolicyEstimate(double.NaN, double.NaN, double.NaN, 0);
        }

        var effective = weightSum * weightSum / weightSquares;
        var mean = total / target.Length;
        var decisions = roundsPerDecision.IsEmpty ? target.Length : roundsPerDecision.Length;
        if (decisions < 2)
        {
            return new OffPolicyEstimate(mean, double.NaN, double.NaN, effective);
        }

        for (var i = 0; i < differences.Length; i++)
        {
            differences[i] -= mean;
        }

        var variance = SpreadByDecision(differences, roundsPerDecision) * decisions / (decisions - 1) / ((double)target.Length * target.Length);
        var half = z * Math.Sqrt(variance);
        return new OffPolicyEstimate(mean, mean - half, mean + half, effective);
    }

    private static double Robust(in LoggedRound round, double maxWeight, out double weight)
    {
        weight = Weight(round, maxWeight);
        return round.PredictedTargetValue + (weight * (round.Reward - round.PredictedReward));
    }
}
