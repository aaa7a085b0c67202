using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Learning;

/// <summary>
/// The running mean reward per decision of one serving policy, with its 95% interval within [0, 1]
/// (the range of rewards): Wilson's score interval while every reward was 0 or 1, or all were alike
/// (a normal one would be zero wide after all misses, or after a default reward every time), else
/// the normal interval, clipped to the range.
/// </summary>
internal sealed class OnlineTally(string policy)
{
    private static readonly double Z95 = Distributions.NormalQuantile(0.975);
    private long _count;
    private double _sum;
    private double _squares;
    private bool _between;
    private bool _varied;
    private double _first;

    public void Add(double reward)
    {
        _first = _count == 0 ? reward : _first;
        // Alike within rounding: a decision's reward is a mean over its slots (3 of 0.1 is not 4 of 0.1 exactly).
        _varied |= Math.Abs(reward - _first) > 1e-9;
        _count++;
        _sum += reward;
        _squares += reward * reward;
        _between |= reward is > 0 and < 1;
    }

    public OnlineReward Result()
    {
        if (_count == 0)
        {
            return new OnlineReward(policy, 0, double.NaN, double.NaN, double.NaN);
        }

        var mean = _sum / _count;
        if (_count == 1)
        {
            // One decision has no spread to measure: the interval is unknown, not zero wide.
            return new OnlineReward(policy, 1, mean, double.NaN, double.NaN);
        }

        if (!_between || !_varied)
        {
            var (lower, upper) = Wilson(mean, _count);
            return new OnlineReward(policy, _count, mean, lower, upper);
        }

        var variance = Math.Max(0, (_squares - (_count * mean * mean)) / (_count - 1));
        var half = Z95 * Math.Sqrt(variance / _count);
        return new OnlineReward(policy, _count, mean, Math.Max(0, mean - half), Math.Min(1, mean + half));
    }

    private static (double Lower, double Upper) Wilson(double share, long count)
    {
        var z2 = Z95 * Z95;
        var centre = (share + (z2 / (2 * count))) / (1 + (z2 / count));
        var half = Z95 / (1 + (z2 / count)) * Math.Sqrt((share * (1 - share) / count) + (z2 / (4.0 * count * count)));
        // At either end the interval touches it exactly (rounding would leave it a hair inside).
        return (share == 0 ? 0 : Math.Max(0, centre - half), share == 1 ? 1 : Math.Min(1, centre + half));
    }
}
