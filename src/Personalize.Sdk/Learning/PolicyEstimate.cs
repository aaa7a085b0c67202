namespace Personalize.Sdk.Reporting;

/// <summary>The four counterfactual estimates of one policy's mean reward in its own first slot, from the same logs.</summary>
public sealed class PolicyEstimate
{
    /// <summary>Creates a policy's estimates.</summary>
    /// <param name="policy">The policy's name.</param>
    /// <param name="directMethod">The reward model's prediction under the policy.</param>
    /// <param name="inversePropensity">Clipped inverse propensity scoring.</param>
    /// <param name="selfNormalized">Self-normalised inverse propensity scoring.</param>
    /// <param name="doublyRobust">Doubly robust.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public PolicyEstimate(string policy, EstimateInterval directMethod, EstimateInterval inversePropensity, EstimateInterval selfNormalized, EstimateInterval doublyRobust)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        DirectMethod = directMethod;
        InversePropensity = inversePropensity;
        SelfNormalized = selfNormalized;
        DoublyRobust = doublyRobust;
    }

    /// <summary>The policy: <c>default</c>, <c>learned</c>, <c>random</c> or <c>candidate</c>.</summary>
    public string Policy { get; }

    /// <summary>The reward model's expected reward under the policy, averaged: steady, biased by the model.</summary>
    public EstimateInterval DirectMethod { get; }

    /// <summary>Importance-weighted rewards, each weight clipped at 100: unbiased before clipping, noisy.</summary>
    public EstimateInterval InversePropensity { get; }

    /// <summary>
    /// Importance-weighted rewards over the sum of the weights: slightly biased, much steadier. Its
    /// interval is an empirical-likelihood one (after Karampatziakis, Mineiro and Ramdas 2020, whose
    /// interval Vowpal Wabbit's offline evaluation computes; here the point standing for what the
    /// log has not seen is searched over its weights, not only tried at two), which widens by the
    /// share of the policy's choices the log has not seen, and, when the rewards are all 0 or 1 (or
    /// all alike), it also holds the exact binomial interval of the estimate at the effective sample
    /// size, so a short or uniform log (thirty misses) is not read as certain: the interval to read
    /// at low exploration.
    /// </summary>
    public EstimateInterval SelfNormalized { get; }

    /// <summary>The direct method corrected by the importance-weighted residuals: right when the model or the probabilities are.</summary>
    public EstimateInterval DoublyRobust { get; }
}
