namespace Personalize.Sdk.Learning;

/// <summary>
/// A ridge regression of reward on a decision's features, kept as sufficient statistics that add
/// up: the sum of x xᵀ, the sum of r x and the count. Two servers' models merge by adding them, so
/// N servers that each observe part of the traffic learn the one model all of it would give.
/// </summary>
/// <remarks>
/// Observing is O(d²) and allocates nothing; solving for the weights is O(d³) (a Cholesky
/// factorisation, d is the number of signals plus one) into buffers made once. Neither is on the
/// request path: decisions read the last weights solved. Not thread-safe: one writer at a time.
/// </remarks>
internal sealed class LinearRewardModel
{
    private readonly double[] _gram;
    private readonly double[] _moment;
    private readonly double[] _factor;
    private readonly double[] _solution;

    /// <summary>A model of <paramref name="dimensions"/> features, regularised by <paramref name="ridge"/> (the prior precision of every weight).</summary>
    public LinearRewardModel(int dimensions, double ridge = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ridge, 0.0);
        Dimensions = dimensions;
        Ridge = ridge;
        _gram = new double[dimensions * dimensions];
        _moment = new double[dimensions];
        _factor = new double[dimensions * dimensions];
        _solution = new double[dimensions];
    }

    public int Dimensions { get; }

    public double Ridge { get; }

    /// <summary>How many rewards the model has seen, merged ones included.</summary>
    public long Observations { get; private set; }

    /// <summary>Learns one reward for one feature vector.</summary>
    public void Observe(ReadOnlySpan<float> features, double reward)
    {
        if (features.Length != Dimensions)
        {
            throw new ArgumentException($"Expected {Dimensions} features, got {features.Length}.", nameof(features));
        }

        var d = Dimensions;
        for (var i = 0; i < d; i++)
        {
            var xi = (double)features[i];
            if (xi == 0)
            {
                continue;
            }

            _moment[i] += reward * xi;
            var row = i * d;
            for (var j = 0; j < d; j++)
            {
                _gram[row + j] += xi * features[j];
            }
        }

        Observations++;
    }

    /// <summary>How many numbers <see cref="WriteStatistics"/> writes: d² + d + 1.</summary>
    public int StatisticsLength => _gram.Length + _moment.Length + 1;

    /// <summary>Writes the sufficient statistics (the sum of x xᵀ, the sum of r x, the count), which add up across servers.</summary>
    public void WriteStatistics(Span<double> statistics)
    {
        _gram.AsSpan().CopyTo(statistics);
        _moment.AsSpan().CopyTo(statistics[_gram.Length..]);
        statistics[^1] = Observations;
    }

    /// <summary>Sets this model's statistics: another model's (from <see cref="WriteStatistics"/>), or a sum of several.</summary>
    public void ReadStatistics(ReadOnlySpan<double> statistics)
    {
        if (statistics.Length != StatisticsLength)
        {
            throw new ArgumentException($"Expected {StatisticsLength} numbers.", nameof(statistics));
        }

        statistics[.._gram.Length].CopyTo(_gram);
        statistics.Slice(_gram.Length, _moment.Length).CopyTo(_moment);
        Observations = (long)statistics[^1];
    }

    /// <summary>Adds another model's statistics to this one's: the model of both their observations.</summary>
    public void Merge(LinearRewardModel other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Dimensions != Dimensions)
        {
            throw new ArgumentException("Only models of the same features merge.", nameof(other));
        }

        for (var i = 0; i < _gram.Length; i++)
        {
            _gram[i] += other._gram[i];
        }

        for (var i = 0; i < _moment.Length; i++)
        {
            _moment[i] += other._moment[i];
        }

        Observations += other.Observations;
    }

    /// <summary>
    /// Writes the weights (ridge * I + sum x xᵀ)⁻¹ sum r x into <paramref name="weights"/>: the
    /// posterior mean of a Bayesian linear model with a zero prior mean.
    /// </summary>
    public void SolveInto(Span<double> weights)
    {
        if (weights.Length != Dimensions)
        {
            throw new ArgumentException($"Expected room for {Dimensions} weights.", nameof(weights));
        }

        var d = Dimensions;
        _gram.AsSpan().CopyTo(_factor);
        for (var i = 0; i < d; i++)
        {
            _factor[(i * d) + i] += Ridge;
        }

        // Cholesky: factor = L Lᵀ, L in the lower triangle. The ridge keeps the matrix positive definite.
        for (var j = 0; j < d; j++)
        {
            var diagonal = _factor[(j * d) + j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= _factor[(j * d) + k] * _factor[(j * d) + k];
            }

            diagonal = Math.Sqrt(diagonal);
            _factor[(j * d) + j] = diagonal;
            for (var i = j + 1; i < d; i++)
            {
                var value = _factor[(i * d) + j];
                for (var k = 0; k < j; k++)
                {
                    value -= _factor[(i * d) + k] * _factor[(j * d) + k];
                }

                _factor[(i * d) + j] = value / diagonal;
            }
        }

        // Forward (L y = b), then backward (Lᵀ w = y).
        for (var i = 0; i < d; i++)
        {
            var value = _moment[i];
            for (var k = 0; k < i; k++)
            {
                value -= _factor[(i * d) + k] * _solution[k];
            }

            _solution[i] = value / _factor[(i * d) + i];
        }

        for (var i = d - 1; i >= 0; i--)
        {
            var value = _solution[i];
            for (var k = i + 1; k < d; k++)
            {
                value -= _factor[(k * d) + i] * weights[k];
            }

            weights[i] = value / _factor[(i * d) + i];
        }
    }

    /// <summary>The predicted reward of <paramref name="features"/> under <paramref name="weights"/>.</summary>
    public static double Predict(ReadOnlySpan<float> features, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            sum += features[i] * weights[i];
        }

        return sum;
    }
}
