using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Learning;

/// <summary>The running mean reward per decision of one serving policy, with its normal 95% interval.</summary>
internal sealed class OnlineTally(string policy)
{
    private static readonly double Z95 = Distributions.NormalQuantile(0.975);
    private long _count;
    private double _sum;
    private double _squares;

    public void Add(double reward)
    {
        _count++;
        _sum += reward;
        _squares += reward * reward;
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

        var variance = Math.Max(0, (_squares - (_count * mean * mean)) / (_count - 1));
        var half = Z95 * Math.Sqrt(variance / _count);
        return new OnlineReward(policy, _count, mean, mean - half, mean + half);
    }
}
