using Personalize.Evaluation.LinearAlgebra;

namespace Personalize.Evaluation.Learning;

/// <summary>
/// A conditional logit of which item a user takes next, over every candidate of the decision: the
/// probability of item j is exp(θ·x_j) / Σ_k exp(θ·x_k), with the sum over the whole catalogue the
/// user could be shown. The sum is estimated by strata: the default mix's pool and the item taken
/// count once each, and each random negative stands for (rest of the catalogue ÷ random negatives
/// drawn) items, so neither the pool's high scorers nor the random tail is over-weighted (the
/// selection bias that made the ridge variants learn from the pool alone).
/// </summary>
/// <remarks>
/// θ has a Gaussian prior centred on β₀·w₀, the defaults w₀ at the temperature β₀ that fits the
/// steps best, so the learner starts from the hand-set mix and departs from it only as far as the
/// data supports. The prior's strength is chosen among <see cref="Strengths"/> by the held-out
/// likelihood of the last fifth of the steps (in time order) after fitting on the first four fifths;
/// then θ is fitted on every step. Fitted by Newton's method (the log likelihood is concave).
/// </remarks>
internal static class CatalogueSoftmax
{
    /// <summary>The prior strengths tried, per step of data (λ = strength × steps).</summary>
    public static IReadOnlyList<double> Strengths { get; } = [1e-4, 1e-3, 1e-2, 1e-1, 1];

    /// <summary>
    /// One decision: each candidate's features, its log stratum weight, and which were taken (one item
    /// taken next, or every item taken within a reward horizon: each taken item is a draw from the
    /// same softmax over the step's catalogue, so each adds its own log likelihood against it).
    /// </summary>
    internal sealed record Step(double[][] Features, double[] LogWeights, int[] Taken)
    {
        /// <summary>A decision of which one candidate was taken.</summary>
        public Step(double[][] Features, double[] LogWeights, int Taken)
            : this(Features, LogWeights, [Taken])
        {
        }
    }

    /// <summary>What was fitted: θ, the temperature of the defaults, and the prior strength chosen.</summary>
    internal sealed record Fit(double[] Theta, double Temperature, double Strength);

    /// <summary>Fits θ over <paramref name="steps"/>, starting from and shrunk towards <paramref name="defaults"/> (one weight per feature).</summary>
    public static Fit Learn(IReadOnlyList<Step> steps, double[] defaults)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(defaults);
        var split = steps.Count * 4 / 5;
        var train = steps.Take(split).ToArray();
        var held = steps.Skip(split).ToArray();
        var trainTemperature = Temperature(train, defaults);
        var best = (Strength: Strengths[^1], LogLikelihood: double.NegativeInfinity);
        foreach (var strength in Strengths)
        {
            var theta = Newton(train, Scaled(defaults, trainTemperature), strength * train.Length);
            var logLikelihood = LogLikelihood(held, theta);
            if (logLikelihood > best.LogLikelihood)
            {
                best = (strength, logLikelihood);
            }
        }

        var temperature = Temperature(steps, defaults);
        return new Fit(Newton(steps, Scaled(defaults, temperature), best.Strength * steps.Count), temperature, best.Strength);
    }

    /// <summary>The log likelihood of the items taken under <paramref name="theta"/>.</summary>
    public static double LogLikelihood(IReadOnlyList<Step> steps, double[] theta)
    {
        ArgumentNullException.ThrowIfNull(steps);
        double sum = 0;
        foreach (var step in steps)
        {
            var logPartition = LogPartition(step, theta);
            foreach (var taken in step.Taken)
            {
                sum += Dot(theta, step.Features[taken]) - logPartition;
            }
        }

        return sum;
    }

    /// <summary>
    /// The β ≥ 0 that maximises the likelihood of θ = β·<paramref name="direction"/>. The likelihood is
    /// concave in β, so its slope falls as β grows: bracket the root of the slope by doubling, then
    /// bisect (Newton overshoots here, where the curvature vanishes as the probabilities concentrate).
    /// </summary>
    private static double Temperature(IReadOnlyList<Step> steps, double[] direction)
    {
        double Slope(double beta)
        {
            double slope = 0;
            foreach (var step in steps)
            {
                var mean = ScoreMean(step, Scaled(direction, beta), direction);
                foreach (var taken in step.Taken)
                {
                    slope += Dot(direction, step.Features[taken]) - mean;
                }
            }

            return slope;
        }

        if (Slope(0) <= 0)
        {
            return 0;
        }

        var (low, high) = (0.0, 1.0);
        while (Slope(high) > 0 && high < 1e6)
        {
            (low, high) = (high, high * 2);
        }

        for (var iteration = 0; iteration < 40; iteration++)
        {
            var middle = (low + high) / 2;
            if (Slope(middle) > 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>Maximises the penalised log likelihood, prior N(<paramref name="centre"/>, I/λ).</summary>
    private static double[] Newton(IReadOnlyList<Step> steps, double[] centre, double lambda)
    {
        var d = centre.Length;
        var theta = (double[])centre.Clone();
        var objective = Penalised(steps, theta, centre, lambda);
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[d];
            var hessian = new double[d * d];
            foreach (var step in steps)
            {
                Accumulate(step, theta, gradient, hessian);
            }

            for (var i = 0; i < d; i++)
            {
                gradient[i] -= lambda * (theta[i] - centre[i]);
                hessian[(i * d) + i] += lambda + 1e-9;
            }

            CholeskyInverse.InvertInPlace(hessian, d);
            var direction = new double[d];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    direction[i] += hessian[(i * d) + j] * gradient[j];
                }
            }

            // Step-halving keeps every step an ascent.
            var improved = false;
            for (var scale = 1.0; scale > 1e-6; scale /= 2)
            {
                var candidate = new double[d];
                for (var i = 0; i < d; i++)
                {
                    candidate[i] = theta[i] + (scale * direction[i]);
                }

                var value = Penalised(steps, candidate, centre, lambda);
                if (value > objective)
                {
                    improved = value - objective > 1e-9 * Math.Abs(objective);
                    (theta, objective) = (candidate, value);
                    break;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return theta;
    }

    private static double Penalised(IReadOnlyList<Step> steps, double[] theta, double[] centre, double lambda)
    {
        double penalty = 0;
        for (var i = 0; i < theta.Length; i++)
        {
            penalty += (theta[i] - centre[i]) * (theta[i] - centre[i]);
        }

        return LogLikelihood(steps, theta) - (lambda / 2 * penalty);
    }

    /// <summary>Adds the step's gradient (Σ over the items taken of x taken − E[x]) and its covariance of x (the negative Hessian), once per item taken.</summary>
    private static void Accumulate(Step step, double[] theta, double[] gradient, double[] hessian)
    {
        var d = theta.Length;
        var probabilities = Probabilities(step, theta);
        var mean = new double[d];
        for (var k = 0; k < probabilities.Length; k++)
        {
            for (var i = 0; i < d; i++)
            {
                mean[i] += probabilities[k] * step.Features[k][i];
            }
        }

        foreach (var taken in step.Taken)
        {
            for (var i = 0; i < d; i++)
            {
                gradient[i] += step.Features[taken][i] - mean[i];
            }
        }

        double times = step.Taken.Length;
        for (var k = 0; k < probabilities.Length; k++)
        {
            var x = step.Features[k];
            var weight = times * probabilities[k];
            for (var i = 0; i < d; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    hessian[(i * d) + j] += weight * (x[i] - mean[i]) * (x[j] - mean[j]);
                }
            }
        }
    }

    /// <summary>The mean of direction·x under the step's probabilities at <paramref name="theta"/>.</summary>
    private static double ScoreMean(Step step, double[] theta, double[] direction)
    {
        var probabilities = Probabilities(step, theta);
        double mean = 0;
        for (var k = 0; k < probabilities.Length; k++)
        {
            mean += probabilities[k] * Dot(direction, step.Features[k]);
        }

        return mean;
    }

    /// <summary>Each candidate's share of the estimated partition sum (its stratum weight included).</summary>
    private static double[] Probabilities(Step step, double[] theta)
    {
        var logits = new double[step.Features.Length];
        var max = double.NegativeInfinity;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = step.LogWeights[k] + Dot(theta, step.Features[k]);
            max = Math.Max(max, logits[k]);
        }

        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = Math.Exp(logits[k] - max);
            sum += logits[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] /= sum;
        }

        return logits;
    }

    private static double LogPartition(Step step, double[] theta)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < step.Features.Length; k++)
        {
            max = Math.Max(max, step.LogWeights[k] + Dot(theta, step.Features[k]));
        }

        double sum = 0;
        for (var k = 0; k < step.Features.Length; k++)
        {
            sum += Math.Exp(step.LogWeights[k] + Dot(theta, step.Features[k]) - max);
        }

        return max + Math.Log(sum);
    }

    private static double[] Scaled(double[] vector, double factor) => [.. vector.Select(v => v * factor)];

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
