namespace Personalize.Sdk.Learning;

/// <summary>The four standard off-policy estimates of one policy from the same logged decisions.</summary>
/// <param name="DirectMethod">The reward model's prediction under the policy, averaged: low variance, biased by the model.</param>
/// <param name="InversePropensity">Importance-weighted rewards, each weight clipped: unbiased before clipping, high variance.</param>
/// <param name="SelfNormalized">Importance-weighted rewards divided by the sum of the weights: slightly biased, much steadier.</param>
/// <param name="DoublyRobust">The direct method corrected by the importance-weighted residuals: unbiased when either the model or the propensities are right.</param>
/// <param name="Rounds">How many logged decisions were read.</param>
internal readonly record struct OffPolicyEstimates(OffPolicyEstimate DirectMethod, OffPolicyEstimate InversePropensity, OffPolicyEstimate SelfNormalized, OffPolicyEstimate DoublyRobust, int Rounds);
