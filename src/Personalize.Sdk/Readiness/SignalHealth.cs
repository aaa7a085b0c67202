namespace Personalize.Sdk.Reporting;

/// <summary>How one signal provider behaved on a placement over the window.</summary>
/// <param name="Signal">The provider's name.</param>
/// <param name="Computations">How many decisions computed it.</param>
/// <param name="FaultRate">Share of <paramref name="Computations"/> that threw.</param>
/// <param name="InvalidRate">Share of its values that were NaN, infinite or outside [0, 1] (fixed before use).</param>
/// <param name="NonZeroShare">Share of candidates it scored other than zero: a signal at zero everywhere carries no information.</param>
/// <param name="Status">The worst of the three against <see cref="ReadinessThresholds"/>.</param>
public sealed record SignalHealth(string Signal, long Computations, double FaultRate, double InvalidRate, double NonZeroShare, ReadinessStatus Status);
