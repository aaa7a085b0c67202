using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The estimators and their intervals against the textbook formulas, computed by hand on small
/// cases (from a statistics review): one round per decision, and a two-slot decision whose second
/// slot is weighed by the chained ratio of both slots (per-decision importance sampling) and whose
/// doubly robust term is Jiang and Li's step-wise one.
/// </summary>
public sealed class EstimatorHandCheckTests
{
    private const double Z95 = 1.959963984540054;

    private static readonly LoggedRound[] Rounds =
    [
        new(0.5, 1, 1.0, 0.6, 0.7),
        new(0.25, 0, 0.5, 0.2, 0.4),
        new(0.8, 1, 0.0, 0.9, 0.3),
        new(0.1, 1, 0.9, 0.5, 0.5),
    ];

    [Fact]
    public void One_round_per_decision_matches_the_textbook()
    {
        var e = OffPolicyEstimator.Estimate(Rounds, default, 0.95);

        double[] w = [2, 2, 0, 9];
        double[] r = [1, 0, 1, 1];
        Assert.Equal(0.475, e.DirectMethod.Value, 12);
        Assert.Equal(11.0 / 4, e.InversePropensity.Value, 12);
        Assert.Equal(11.0 / 13, e.SelfNormalized.Value, 12);
        Assert.Equal(6.8 / 4, e.DoublyRobust.Value, 12);
        Assert.Equal(169.0 / 89, e.DoublyRobust.EffectiveSampleSize, 12);

        // The sample variance of the doubly robust terms over n = 4 decisions: n/(n-1) * sum (x - mean)^2 / n^2.
        double[] dr = [0.7 + (2 * 0.4), 0.4 + (2 * -0.2), 0.3, 0.5 + (9 * 0.5)];
        var m = dr.Average();
        var half = Z95 * Math.Sqrt(dr.Sum(x => (x - m) * (x - m)) * 4 / 3 / 16);
        Assert.Equal(m - half, e.DoublyRobust.Lower, 9);
        Assert.Equal(m + half, e.DoublyRobust.Upper, 9);

        // Self-normalised, one round per decision: the empirical-likelihood interval (EmpiricalLikelihoodIntervalTests
        // checks it against the t interval and the unseen share), widened to hold the ratio.
        var ratio = 11.0 / 13;
        var (lower, upper) = EmpiricalLikelihoodInterval.Of(w, r, 0.95);
        Assert.Equal(Math.Min(lower, ratio), e.SelfNormalized.Lower, 12);
        Assert.Equal(Math.Max(upper, ratio), e.SelfNormalized.Upper, 12);

        // Four decisions, and the weights' sum of 13 far from its expected 4: nearly nothing is ruled out.
        Assert.InRange(e.SelfNormalized.Upper - e.SelfNormalized.Lower, 0.5, 1.0);
    }

    [Fact]
    public void A_two_slot_decision_chains_its_weights_and_is_one_sample()
    {
        int[] perDecision = [2, 1, 1];
        var e = OffPolicyEstimator.Estimate(Rounds, perDecision, 0.95);

        // Slot 2 of the first decision: weight 2 (slot 1) x 2 (its own ratio) = 4.
        double[] w = [2, 4, 0, 9];
        double[] r = [1, 0, 1, 1];
        Assert.Equal(0.475, e.DirectMethod.Value, 12);
        Assert.Equal(11.0 / 4, e.InversePropensity.Value, 12);
        Assert.Equal(225.0 / 101, e.InversePropensity.EffectiveSampleSize, 12);

        // Step-wise doubly robust: slot k adds w_(k-1) x the model's value of the policy's choice + w_k x (r - model).
        double[] dr = [0.7 + (2 * (1 - 0.6)), (2 * 0.4) + (4 * (0 - 0.2)), 0.3, 0.5 + (9 * (1 - 0.5))];
        var m = dr.Sum() / 4;
        Assert.Equal(m, e.DoublyRobust.Value, 12);
        double[] clusters = [dr[0] + dr[1] - (2 * m), dr[2] - m, dr[3] - m];
        var half = Z95 * Math.Sqrt(clusters.Sum(c => c * c) * 3 / 2 / 16);
        Assert.Equal(m - half, e.DoublyRobust.Lower, 9);
        Assert.Equal(m + half, e.DoublyRobust.Upper, 9);

        // Self-normalised slot position by slot position: slot 1 over three decisions, slot 2 over one.
        var first = ((2 * 1) + (0 * 1) + (9 * 1)) / 11.0;
        var second = 4 * 0 / 4.0;
        var value = ((3 * first) + (1 * second)) / 4;
        Assert.Equal(value, e.SelfNormalized.Value, 12);
        double[] influence =
        [
            ((first - value) + (3 * w[0] * (r[0] - first) / 11)) / 4 + ((second - value) + (1 * w[1] * (r[1] - second) / 4)) / 4,
            ((first - value) + (3 * w[2] * (r[2] - first) / 11)) / 4,
            ((first - value) + (3 * w[3] * (r[3] - first) / 11)) / 4,
        ];
        var snipsHalf = Z95 * Math.Sqrt(influence.Sum(x => x * x));
        Assert.Equal(value - snipsHalf, e.SelfNormalized.Lower, 9);
        Assert.Equal(value + snipsHalf, e.SelfNormalized.Upper, 9);
    }
}
