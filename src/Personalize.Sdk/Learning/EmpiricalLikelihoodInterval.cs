using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Learning;

/// <summary>
/// The interval of a policy's value from importance-weighted rewards: the empirical-likelihood one
/// (Karampatziakis, Mineiro and Ramdas, "Empirical Likelihood for Contextual Bandits", NeurIPS
/// 2020; the Cressie-Read power −2, or Euclidean, likelihood, which has closed forms), as in Vowpal
/// Wabbit's offline evaluation but with the unseen point's weight searched over a grid rather than
/// taken at its two ends, widened to hold the self-normalised estimate and, for rewards at the ends
/// of their range or all alike, the exact binomial interval of it at the effective sample size.
/// </summary>
/// <remarks>
/// <para>
/// The interval is every value a reweighing q of the logged decisions can give, Σ qᵢwᵢrᵢ, where q is
/// a distribution under which the importance weights have their known mean, Σ qᵢwᵢ = 1, and whose
/// divergence from the empirical one, Σ (N qᵢ − 1)², exceeds its least possible value by at most
/// the F(1, n) quantile of the confidence. One more point, of any weight and a reward at either end
/// of the rewards' range, stands for what the log has not seen.
/// </para>
/// <para>
/// That point is what a delta-method interval lacks. With little exploration, the weights of a
/// policy that mostly chooses differently from the logging one sum far below the n they average to
/// in expectation: most of what it would show was never shown, and an interval from the spread of
/// the few matching decisions is narrow around a guess. Here the unseen share carries any reward in
/// the range, so the interval widens by as much as the log lacks. Its weight is searched, not only
/// 0 and unbounded as in Vowpal Wabbit: a policy whose one rare choice went unlogged in a short log
/// needs a point of moderate weight (twice the others', say) to stand for it, and a log whose
/// rewards are all alike (thirty misses) needs one of weight 1, else the interval is a single point.
/// </para>
/// <para>
/// The likelihood's set is still too narrow on a short or uniform log: when every decision has the
/// same weight and the same reward (five misses, or thirty with weights all a little above 1), the
/// extremes rise steeply beside that weight, between the grid's points, or no single unseen point
/// can both bring the weights' mean to 1 and carry another reward. So when the rewards are all at
/// the ends of their range (missed or converted) or all alike, the interval also holds the exact
/// (Clopper-Pearson) binomial interval of the self-normalised estimate Σ w r / Σ w with (Σ w)² / Σ w²
/// trials (Kish's effective sample size), the interval a log of that many equally weighted
/// decisions would have: five misses give an upper end of 0.52 at 95%, thirty give 0.12. Rewards
/// between the ends (a click's 0.3) have a spread of their own, which the likelihood reads; a
/// binomial interval would take them for coin flips and be many times too wide.
/// </para>
/// </remarks>
internal static class EmpiricalLikelihoodInterval
{
    // The unseen point's weights tried: 0, then 2^(k/4) from about 0.001 to 64 times the largest
    // weight seen. Away from the weights seen the extremes move smoothly with it; beside a weight
    // every decision has they rise steeply, which the binomial floor stands in for.
    private const int GridSteps = 4;
    private const int GridFrom = -40;

    /// <summary>The interval of the value from <paramref name="weights"/> and <paramref name="rewards"/>, one pair per decision.</summary>
    /// <param name="weights">Each decision's importance weight, at least 0.</param>
    /// <param name="rewards">Each decision's reward.</param>
    /// <param name="confidence">The confidence level, in (0, 1).</param>
    /// <returns>
    /// The bounds, within the rewards' range (<c>[0, 1]</c>, or wider to include every reward), holding
    /// the self-normalised estimate (and, for rewards at the ends of the range or all alike, its exact
    /// binomial interval); NaN for fewer than two decisions.
    /// </returns>
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

        bool atEnds = true, alike = true;
        foreach (var reward in rewards)
        {
            atEnds &= reward == low || reward == high;
            alike &= reward == rewards[0];
        }

        var binomial = atEnds || alike;

        var critical = Distributions.StudentTCritical(1 - confidence, n);
        var sums = Sums.Of(weights, rewards);
        var top = GridSteps * (int)Math.Ceiling(Math.Log2(64 * Math.Max(1, sums.MaxWeight)));

        // An unbounded point carries the mass the weights lack, 1 − Σ q w: only when they fall short of
        // their mean of 1 (else it would need a negative mass).
        var unbounded = sums.W < n;

        // The least divergence at which the weights have their known mean, over the unseen point's weights.
        var least = unbounded ? sums.LeastDivergenceUnbounded() : double.PositiveInfinity;
        for (var k = GridFrom - 1; k <= top; k++)
        {
            least = Math.Min(least, sums.LeastDivergence(UnseenWeight(k)));
        }

        var budget = least + (critical * critical);
        double? lower = unbounded ? sums.ExtremeUnbounded(low, budget, -1) : null;
        double? upper = unbounded ? sums.ExtremeUnbounded(high, budget, 1) : null;
        for (var k = GridFrom - 1; k <= top; k++)
        {
            lower = Farther(lower, sums.Extreme(UnseenWeight(k), low, budget, -1), -1);
            upper = Farther(upper, sums.Extreme(UnseenWeight(k), high, budget, 1), 1);
        }

        var (from, to) = (lower ?? low, upper ?? high);
        if (sums.W > 0)
        {
            // The estimate itself, and for binomial rewards the exact interval of its effective sample size.
            var ratio = sums.Wr / sums.W;
            (from, to) = (Math.Min(from, ratio), Math.Max(to, ratio));
            if (binomial)
            {
                var (exactLower, exactUpper) = ClopperPearson((ratio - low) / (high - low), sums.W * sums.W / sums.Ww, confidence);
                from = Math.Min(from, low + ((high - low) * exactLower));
                to = Math.Max(to, low + ((high - low) * exactUpper));
            }
        }

        return (Math.Clamp(from, low, high), Math.Clamp(to, low, high));
    }

    /// <summary>
    /// The Clopper-Pearson interval of a rate <paramref name="rate"/> in [0, 1] observed over
    /// <paramref name="trials"/> (not necessarily whole) trials: the beta quantiles of x = rate × trials successes.
    /// </summary>
    private static (double Lower, double Upper) ClopperPearson(double rate, double trials, double confidence)
    {
        var successes = Math.Clamp(rate, 0, 1) * trials;
        var failures = trials - successes;
        var alpha = 1 - confidence;
        var lower = successes <= 0 ? 0 : Distributions.BetaQuantile(alpha / 2, successes, failures + 1);
        var upper = failures <= 0 ? 1 : Distributions.BetaQuantile(1 - (alpha / 2), successes + 1, failures);
        return (lower, upper);
    }

    /// <summary>The grid's k-th weight: 0 below its start, else 2^(k/4).</summary>
    private static double UnseenWeight(int k) => k < GridFrom ? 0 : Math.Pow(2, (double)k / GridSteps);

    /// <summary>The farther of two extremes in <paramref name="direction"/> (−1 lower, 1 higher); null ones (outside the budget) count for nothing.</summary>
    private static double? Farther(double? best, double? value, int direction) =>
        value is not { } v ? best : best is not { } b || (direction * v) > (direction * b) ? v : b;

    /// <summary>The sums over the logged decisions the closed forms need.</summary>
    private readonly record struct Sums(int N, double W, double Ww, double Wr, double Wwr, double Wwrr, double MaxWeight)
    {
        public static Sums Of(ReadOnlySpan<double> weights, ReadOnlySpan<double> rewards)
        {
            double w = 0, ww = 0, wr = 0, wwr = 0, wwrr = 0, max = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                var (weight, reward) = (weights[i], rewards[i]);
                w += weight;
                ww += weight * weight;
                wr += weight * reward;
                wwr += weight * weight * reward;
                wwrr += weight * weight * reward * reward;
                max = Math.Max(max, weight);
            }

            return new(weights.Length, w, ww, wr, wwr, wwrr, max);
        }

        /// <summary>The least Σ (N q − 1)² with Σ q w = 1 when the unseen point has weight <paramref name="unseen"/>; infinite when no q has it.</summary>
        public double LeastDivergence(double unseen) => Fit(unseen) is { } fit ? fit.Cost : double.PositiveInfinity;

        /// <summary>The same with an unseen point of unbounded weight: it takes whatever mass the weights lack, at no cost but its own point.</summary>
        public double LeastDivergenceUnbounded() => 1 + (1.0 / N);

        /// <summary>The extreme of Σ q w r with an unseen point of weight <paramref name="unseen"/> and reward <paramref name="reward"/>, within <paramref name="budget"/>; null outside it.</summary>
        public double? Extreme(double unseen, double reward, double budget, int direction)
        {
            if (Fit(unseen) is not { } fit || budget < fit.Cost)
            {
                return null;
            }

            // a = w, b = w r over the N + 1 points: the mean of b moved along a to Σ q w = 1, then along
            // what of b the weights do not explain, as far as the budget left after that move allows.
            var points = N + 1;
            var meanB = (Wr + (unseen * reward)) / points;
            var meanBb = (Wwrr + (unseen * unseen * reward * reward)) / points;
            var meanAb = (Wwr + (unseen * unseen * reward)) / points;
            var covariance = fit.VarianceW > 0 ? meanAb - (fit.MeanW * meanB) : 0;
            var slope = fit.VarianceW > 0 ? covariance / fit.VarianceW : 0;
            var residual = Math.Max(0, meanBb - (meanB * meanB) - (covariance * slope));
            return meanB + ((1 - fit.MeanW) * slope) + (direction * Math.Sqrt((budget - fit.Cost) * residual / points));
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

        /// <summary>
        /// The weights' mean and variance over the N + 1 points and the least divergence that brings
        /// their mean to 1; null when no q does (every weight alike, and not 1). Every weight alike and
        /// 1 needs no move: any q keeps the mean.
        /// </summary>
        private (double MeanW, double VarianceW, double Cost)? Fit(double unseen)
        {
            var points = N + 1;
            var mean = (W + unseen) / points;
            var squares = (Ww + (unseen * unseen)) / points;
            var variance = squares - (mean * mean);

            // Below a relative 1e-12 the variance is the rounding of a difference of two near-equal terms.
            if (variance <= 1e-12 * squares)
            {
                return Math.Abs(mean - 1) <= 1e-9 ? (mean, 0, 0) : null;
            }

            return (mean, variance, points * (1 - mean) * (1 - mean) / variance);
        }
    }
}
