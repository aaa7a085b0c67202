namespace Personalize.Sdk.Reporting;

/// <summary>How a placement's decisions in the window were served. Shares are of <see cref="Decisions"/> (0 when there were none).</summary>
/// <remarks>Compared by value: two coverages are equal when every property is.</remarks>
public sealed class ReadinessCoverage : IEquatable<ReadinessCoverage>
{
    /// <summary>Creates a coverage, for example for a hand-made <see cref="ReadinessReport"/> in a test.</summary>
    /// <param name="decisions">Decisions made in the window.</param>
    /// <param name="personalized">Share served <see cref="DecisionVariant.Personalized"/>.</param>
    /// <param name="coldStart">Share served <see cref="DecisionVariant.ColdStart"/>.</param>
    /// <param name="control">Share served <see cref="DecisionVariant.Control"/> (a holdout's control group).</param>
    /// <param name="fallback">Share served <see cref="DecisionVariant.Fallback"/>, for any reason, pauses and the kill switch included.</param>
    /// <param name="fallbackRate">Share whose pipeline fell back on its own: a signal or guardrail failed, or no candidate was known. Pauses and the kill switch do not count; while paused, it is measured in the shadow of the default experience, so recovery shows.</param>
    public ReadinessCoverage(long decisions, double personalized, double coldStart, double control, double fallback, double fallbackRate)
    {
        Decisions = decisions;
        Personalized = personalized;
        ColdStart = coldStart;
        Control = control;
        Fallback = fallback;
        FallbackRate = fallbackRate;
    }

    /// <summary>Decisions made in the window.</summary>
    public long Decisions { get; }

    /// <summary>Share served <see cref="DecisionVariant.Personalized"/>.</summary>
    public double Personalized { get; }

    /// <summary>Share served <see cref="DecisionVariant.ColdStart"/>.</summary>
    public double ColdStart { get; }

    /// <summary>Share served <see cref="DecisionVariant.Control"/> (a holdout's control group).</summary>
    public double Control { get; }

    /// <summary>Share served <see cref="DecisionVariant.Fallback"/>, for any reason, pauses and the kill switch included.</summary>
    public double Fallback { get; }

    /// <summary>Share whose pipeline fell back on its own: a signal or guardrail failed, or no candidate was known. Pauses and the kill switch do not count; while paused, it is measured in the shadow of the default experience, so recovery shows.</summary>
    public double FallbackRate { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(ReadinessCoverage? left, ReadinessCoverage? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(ReadinessCoverage? left, ReadinessCoverage? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(ReadinessCoverage? other) =>
        other is not null
        && Decisions == other.Decisions
        && Personalized.Equals(other.Personalized)
        && ColdStart.Equals(other.ColdStart)
        && Control.Equals(other.Control)
        && Fallback.Equals(other.Fallback)
        && FallbackRate.Equals(other.FallbackRate);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadinessCoverage);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Decisions, Personalized, ColdStart, Control, Fallback, FallbackRate);
}
