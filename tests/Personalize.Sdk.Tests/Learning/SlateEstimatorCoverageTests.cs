using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The estimator on whole slates, where a decision's rounds are its slots: three items with hidden
/// Bernoulli rates, two slots, an epsilon-greedy logging policy and a different epsilon-greedy
/// target, both exploring 30%. The truth, the target's mean reward per slot of its own slate, is
/// computed exactly by enumeration. Slot 2 is weighed by the chained ratio of both slots, so the
/// estimates are of the target's own slate, not of the logging policy's first slot followed by the
/// target's second.
/// </summary>
public sealed class SlateEstimatorCoverageTests
{
    private const double Epsilon = 0.3;
    private static readonly double[] Rates = [0.3, 0.8, 0.1];
    private static readonly int[] LoggingOrder = [0, 1, 2];
    private static readonly int[] TargetOrder = [1, 2, 0];

    [Fact]
    public void Per_decision_estimates_of_a_two_slot_slate_cover_the_targets_own_value_in_at_least_90_percent_of_100_runs()
    {
        var truth = SlateValue(TargetOrder);
        var hybrid = HybridValue();
        Assert.True(Math.Abs(truth - hybrid) > 0.05, $"the case must tell the two apart: own {truth:F4}, hybrid {hybrid:F4}");

        const int Runs = 100;
        int ips = 0, selfNormalized = 0, robust = 0;
        for (var seed = 0; seed < Runs; seed++)
        {
            var random = new Random(seed);
            var rounds = new List<LoggedRound>();
            for (var decision = 0; decision < 2_000; decision++)
            {
                var shown = new bool[3];
                for (var slot = 0; slot < 2; slot++)
                {
                    var choice = random.NextDouble() < Epsilon ? Nth(shown, random.Next(3 - slot)) : Greedy(LoggingOrder, shown);
                    // A reward model that is off by 0.1: doubly robust must not need it right.
                    double[] model = [.. Rates.Select(rate => rate + 0.1)];
                    rounds.Add(new LoggedRound(
                        Probability(LoggingOrder, shown, choice),
                        random.NextDouble() < Rates[choice] ? 1 : 0,
                        Probability(TargetOrder, shown, choice),
                        model[choice],
                        Enumerable.Range(0, 3).Sum(item => Probability(TargetOrder, shown, item) * model[item]),
                        SlateValue(TargetOrder, model, slot)));
                    shown[choice] = true;
                }
            }

            var estimates = OffPolicyEstimator.Estimate(rounds.ToArray(), Enumerable.Repeat(2, 2_000).ToArray());
            ips += Covers(estimates.InversePropensity, truth) ? 1 : 0;
            selfNormalized += Covers(estimates.SelfNormalized, truth) ? 1 : 0;
            robust += Covers(estimates.DoublyRobust, truth) ? 1 : 0;
        }

        Assert.True(ips >= 90, $"IPS covered {ips} of {Runs}");
        Assert.True(selfNormalized >= 90, $"self-normalised IPS covered {selfNormalized} of {Runs}");
        Assert.True(robust >= 90, $"doubly robust covered {robust} of {Runs}");
    }

    private static bool Covers(OffPolicyEstimate estimate, double truth) => estimate.Lower <= truth && truth <= estimate.Upper;

    private static int Greedy(int[] order, bool[] shown) => order.First(item => !shown[item]);

    private static int Nth(bool[] shown, int n) => Enumerable.Range(0, 3).Where(item => !shown[item]).ElementAt(n);

    private static double Probability(int[] order, bool[] shown, int choice) =>
        shown[choice] ? 0 : (choice == Greedy(order, shown) ? 1 - Epsilon : 0) + (Epsilon / shown.Count(s => !s));

    /// <summary>The exact mean reward per slot of the policy's own two-slot slate.</summary>
    private static double SlateValue(int[] order) => (SlateValue(order, Rates, 0) + SlateValue(order, Rates, 1)) / 2;

    /// <summary>The exact expected <paramref name="values"/> in slot <paramref name="slot"/> of the policy's own slate.</summary>
    private static double SlateValue(int[] order, double[] values, int slot)
    {
        var none = new bool[3];
        double total = 0;
        for (var first = 0; first < 3; first++)
        {
            var p = Probability(order, none, first);
            if (slot == 0)
            {
                total += p * values[first];
                continue;
            }

            var shown = new bool[3];
            shown[first] = true;
            total += p * Enumerable.Range(0, 3).Sum(second => Probability(order, shown, second) * values[second]);
        }

        return total;
    }

    /// <summary>What judging each slot after the logging policy's slots estimated: the logging policy's first slot, then the target's second.</summary>
    private static double HybridValue()
    {
        var none = new bool[3];
        double second = 0;
        for (var first = 0; first < 3; first++)
        {
            var shown = new bool[3];
            shown[first] = true;
            second += Probability(LoggingOrder, none, first) * Enumerable.Range(0, 3).Sum(item => Probability(TargetOrder, shown, item) * Rates[item]);
        }

        return (Enumerable.Range(0, 3).Sum(item => Probability(TargetOrder, none, item) * Rates[item]) + second) / 2;
    }
}
