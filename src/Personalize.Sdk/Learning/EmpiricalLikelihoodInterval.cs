using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Learning;

/// <summary>
/// The empirical-likelihood interval of a policy's value from importance-weighted rewards
/// (Karampatziakis, Mineiro and Ramdas, "Empirical Likelihood for Contextual Bandits", NeurIPS
/// 2020; the Cressie-Read power −2, or Euclidean, likelihood, which has closed forms), as Vowpal
/// Wabbit's offline evaluation computes it.
/// </summary>
/// <remarks>
/// <para>
/// The interval is every value a reweighing q of the logged decisions can give, Σ qᵢwᵢrᵢ, where q is
/// a distribution under which the importance weights have their known mean, Σ qᵢwᵢ = 1, and whose
/// divergence from the empirical one, Σ (N qᵢ − 1)², exceeds its least possible value by at most
/// the F(1, n) quantile of the confidence. One more point of weight 0 or of unbounded weight, with
/// a reward at either end of the rewards' range, stands for what the log has not seen.
/// </para>
/// <para>
/// That point is what a delta-method interval lacks. With little exploration, the weights of a
/// policy that mostly chooses differently from the logging one sum far below the n they average to
/// in expectation: most of what it would show was never shown, and an interval from the spread of
/// the few matching decisions is narrow around a guess. Here the unseen share carries any reward in
/// the range, so the interval widens by as much as the log lacks.
/// </para>
/// </remarks>
internal static class EmpiricalLikelihoodInterval
{
    /// <summary>The interval of the value from <paramref name="weights"/> and <paramref name="rewards"/>, one pair per decision.</summary>
    /// <param name="weights">Each decision's importance weight, at least 0.</param>
    /// <param name="rewards">Each decision's reward.</param>
    /// <param name="confidence">The confidence level, in (0, 1).</param>
    /// <returns>The bounds, within the rewards' range (<c>[0, 1]</c>, or wider to include every reward); NaN for fewer than two decisions.</returns>
    public static (double Lower, double Upper) Of(ReadOnlySpan<double> weights, ReadOnlySpan<double> rewards, double confidence)
    {
        var n = weights.Length;
        if (n < 2)
        {
            return (double.NaN, double.NaN);
        }

        double low = 0, high = 1;
        foreach (var reward in rewards)
        {
            (low, high) = (Math.Min(low, reward), Math.Max(high, reward));
        }

        var critical = Distributions.StudentTCritical(1 - confidence, n);
        var sums = Sums.Of(weights, rewards);

        // The least divergence at which the weights have their known mean, with the unseen point on the
        // side that moves their mean toward 1 by a mass of its own: unbounded when they fall short of
        // it, 0 when they exceed it (an unbounded point would need a negative mass there).
        var least = sums.W < n ? sums.LeastDivergenceUnbounded() : sums.LeastDivergence(0);
        var budget = least + (critical * critical);
        var lower = Bound(sums, low, budget, -1) ?? low;
        var upper = Bound(sums, high, budget, 1) ?? high;
        return (Math.Clamp(lower, low, high), Math.Clamp(upper, low, high));
    }

    /// <summary>The extreme value in <paramref name="direction"/> (−1 lowest, 1 highest) over the unseen point's two weights; null when neither fits the budget.</summary>
    private static double? Bound(in Sums sums, double reward, double budget, int direction)
    {
        double? best = null;
        foreach (var value in (ReadOnlySpan<double?>)[sums.Extreme(0, reward, budget, direction), sums.ExtremeUnbounded(reward, budget, direction)])
        {
            if (value is { } v && (best is null || (direction * v) > (direction * best.Value)))
            {
                best = v;
            }
        }

        return best;
    }

    /// <summary>The sums over the logged decisions the closed forms need.</summary>
    private readonly record struct Sums(int N, double W, double Ww, double Wr, double Wwr, double Wwrr)
    {
        public static Sums Of(ReadOnlySpan<double> weights, ReadOnlySpan<double> rewards)
        {
            double w = 0, ww = 0, wr = 0, wwr = 0, wwrr = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                var (weight, reward) = (weights[i], rewards[i]);
                w += weight;
                ww += weight * weight;
                wr += weight * reward;
                wwr += weight * weight * reward;
                wwrr += weight * weight * reward * reward;
            }

            return new(weights.Length, w, ww, wr, wwr, wwrr);
        }

        /// <summary>The least Σ (N q − 1)² with Σ q w = 1 when the unseen point has weight <paramref name="unseen"/>.</summary>
        public double LeastDivergence(double unseen)
        {
            var (meanW, varianceW) = WeightMoments(unseen);
            return varianceW > 0 ? (N + 1) * (1 - meanW) * (1 - meanW) / varianceW : double.PositiveInfinity;
        }

        /// <summary>The same with an unseen point of unbounded weight: it takes whatever mass the weights lack, at no cost but its own point.</summary>
        public double LeastDivergenceUnbounded() => 1 + (1.0 / N);

        /// <summary>The extreme of Σ q w r with an unseen point of weight <paramref name="unseen"/> and reward <paramref name="reward"/>, within <paramref name="budget"/>.</summary>
        public double? Extreme(double unseen, double reward, double budget, int direction)
        {
            var points = N + 1;
            var (meanW, varianceW) = WeightMoments(unseen);
            if (!(varianceW > 0))
            {
                return null;
            }

            // a = w, b = w r over the N + 1 points: the mean of b moved along a to Σ q w = 1, then along
            // what of b the weights do not explain, as far as the budget left after that move allows.
            var meanB = (Wr + (unseen * reward)) / points;
            var meanBb = (Wwrr + (unseen * unseen * reward * reward)) / points;
            var meanAb = (Wwr + (unseen * unseen * reward)) / points;
            var covariance = meanAb - (meanW * meanB);
            var residual = Math.Max(0, meanBb - (meanB * meanB) - (covariance * covariance / varianceW));
            var left = budget - (points * (1 - meanW) * (1 - meanW) / varianceW);
            return left < 0 ? null : meanB + ((1 - meanW) * covariance / varianceW) + (direction * Math.Sqrt(left * residual / points));
        }

        /// <summary>The extreme with an unseen point of unbounded weight and reward <paramref name="reward"/>: it carries 1 − Σ q w at that reward.</summary>
        public double? ExtremeUnbounded(double reward, double budget, int direction)
        {
            // Σ q w r + (1 − Σ q w) reward = reward + Σ q c, c = w (r − reward), with q summing to 1 over the logged decisions.
            var c = Wr - (W * reward);
            var cc = Wwrr - (2 * reward * Wwr) + (reward * reward * Ww);
            var spread = Math.Max(0, cc - (c * c / N));
            var left = budget - LeastDivergenceUnbounded();
            return left < 0 ? null : reward + (c / N) + (direction * Math.Sqrt(left * spread) / (N + 1));
        }

        private (double Mean, double Variance) WeightMoments(double unseen)
        {
            var points = N + 1;
            var mean = (W + unseen) / points;
            return (mean, ((Ww + (unseen * unseen)) / points) - (mean * mean));
        }
    }
}
