namespace Personalize.Sdk.Reporting;

/// <summary>How one signal provider behaved on a placement over the window.</summary>
/// <remarks>Compared by value: two health figures are equal when every property is.</remarks>
public sealed class SignalHealth : IEquatable<SignalHealth>
{
    /// <summary>Creates a signal's health, for example for a hand-made <see cref="ReadinessReport"/> in a test.</summary>
    /// <param name="signal">The provider's name.</param>
    /// <param name="computations">How many decisions computed it.</param>
    /// <param name="faultRate">Share of <paramref name="computations"/> that threw.</param>
    /// <param name="invalidRate">Share of its values that were NaN, infinite or outside [0, 1] (fixed before use).</param>
    /// <param name="nonZeroShare">Share of candidates it scored other than zero: a signal at zero everywhere carries no information.</param>
    /// <param name="status">The worst of the three against <see cref="ReadinessThresholds"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    public SignalHealth(string signal, long computations, double faultRate, double invalidRate, double nonZeroShare, ReadinessStatus status)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Signal = signal;
        Computations = computations;
        FaultRate = faultRate;
        InvalidRate = invalidRate;
        NonZeroShare = nonZeroShare;
        Status = status;
    }

    /// <summary>The provider's name.</summary>
    public string Signal { get; }

    /// <summary>How many decisions computed it.</summary>
    public long Computations { get; }

    /// <summary>Share of <see cref="Computations"/> that threw.</summary>
    public double FaultRate { get; }

    /// <summary>Share of its values that were NaN, infinite or outside [0, 1] (fixed before use).</summary>
    public double InvalidRate { get; }

    /// <summary>Share of candidates it scored other than zero: a signal at zero everywhere carries no information.</summary>
    public double NonZeroShare { get; }

    /// <summary>The worst of the three against <see cref="ReadinessThresholds"/>.</summary>
    public ReadinessStatus Status { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(SignalHealth? left, SignalHealth? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(SignalHealth? left, SignalHealth? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(SignalHealth? other) =>
        other is not null
        && string.Equals(Signal, other.Signal, StringComparison.Ordinal)
        && Computations == other.Computations
        && FaultRate.Equals(other.FaultRate)
        && InvalidRate.Equals(other.InvalidRate)
        && NonZeroShare.Equals(other.NonZeroShare)
        && Status == other.Status;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SignalHealth);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Signal, Computations, FaultRate, InvalidRate, NonZeroShare, Status);
}
