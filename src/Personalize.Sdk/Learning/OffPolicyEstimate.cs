namespace Personalize.Sdk.Learning;

/// <summary>
/// An off-policy estimate of a policy's mean reward per decision, with a normal-approximation
/// confidence interval and the effective sample size of its importance weights.
/// </summary>
/// <param name="Value">The estimated mean reward.</param>
/// <param name="Lower">The lower end of the confidence interval.</param>
/// <param name="Upper">The upper end of the confidence interval.</param>
/// <param name="EffectiveSampleSize">(sum of weights)^2 / sum of squared weights: how many logged decisions the estimate is worth; the count itself for the direct method, which weighs nothing.</param>
internal readonly record struct OffPolicyEstimate(double Value, double Lower, double Upper, double EffectiveSampleSize);
