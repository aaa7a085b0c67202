using Personalize.Evaluation.LinearAlgebra;

namespace Personalize.Evaluation.Learning;

/// <summary>
/// Ridge regression of reward on features plus an unpenalised intercept: θ = (XᵀX + λI)⁻¹ Xᵀr,
/// kept as sufficient statistics (the same model as the SDK's internal <c>LinearRewardModel</c>,
/// which this harness cannot reach: the SDK's internals are not visible to it).
/// </summary>
internal sealed class RidgeRegression
{
    private readonly int _d;
    private readonly double[] _gram;
    private readonly double[] _moment;

    /// <summary>A model of <paramref name="features"/> features (the intercept is added).</summary>
    public RidgeRegression(int features)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Features = features;
        _d = features + 1;
        _gram = new double[_d * _d];
        _moment = new double[_d];
    }

    /// <summary>The number of features, intercept not counted.</summary>
    public int Features { get; }

    /// <summary>How many rows were observed.</summary>
    public long Count { get; private set; }

    /// <summary>Adds one row.</summary>
    public void Observe(ReadOnlySpan<float> x, double reward)
    {
        if (x.Length != Features)
        {
            throw new ArgumentException($"Expected {Features} features, got {x.Length}.", nameof(x));
        }

        for (var i = 0; i < _d; i++)
        {
            var xi = i < Features ? x[i] : 1.0;
            if (xi == 0)
            {
                continue;
            }

            _moment[i] += reward * xi;
            for (var j = 0; j < _d; j++)
            {
                _gram[(i * _d) + j] += xi * (j < Features ? x[j] : 1.0);
            }
        }

        Count++;
    }

    /// <summary>Solves for the weights (features first, the intercept last) with ridge <paramref name="lambda"/> on the features only.</summary>
    public double[] Solve(double lambda)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        var a = (double[])_gram.Clone();
        for (var i = 0; i < _d; i++)
        {
            // A tiny jitter on the intercept keeps an all-zero log solvable.
            a[(i * _d) + i] += i < Features ? lambda : 1e-9;
        }

        CholeskyInverse.InvertInPlace(a, _d);
        var theta = new double[_d];
        for (var i = 0; i < _d; i++)
        {
            double sum = 0;
            for (var j = 0; j < _d; j++)
            {
                sum += a[(i * _d) + j] * _moment[j];
            }

            theta[i] = sum;
        }

        return theta;
    }
}
