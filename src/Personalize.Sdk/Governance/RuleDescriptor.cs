using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Reporting;

/// <summary>One rule as the registry lists it for audit.</summary>
/// <remarks>Compared by value: two descriptors are equal when every property is.</remarks>
public sealed class RuleDescriptor : IEquatable<RuleDescriptor>
{
    /// <summary>Creates a descriptor, for example in a test fake of <see cref="IRuleRegistry"/>.</summary>
    /// <param name="name">The rule's unique name.</param>
    /// <param name="kind">Signal, guardrail or policy.</param>
    /// <param name="info">Owner, purpose, metric and review date.</param>
    /// <param name="enabled">Whether it takes part in decisions by the engine-wide settings (a signal with both weights 0 does not).</param>
    /// <param name="weight">A signal's weight for users with history; null for other kinds.</param>
    /// <param name="coldStartWeight">A signal's weight for users without usable history; null for other kinds.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="info"/> is null.</exception>
    public RuleDescriptor(string name, RuleKind kind, RuleInfo info, bool enabled, float? weight, float? coldStartWeight)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(info);
        Name = name;
        Kind = kind;
        Info = info;
        Enabled = enabled;
        Weight = weight;
        ColdStartWeight = coldStartWeight;
    }

    /// <summary>The rule's unique name.</summary>
    public string Name { get; }

    /// <summary>Signal, guardrail or policy.</summary>
    public RuleKind Kind { get; }

    /// <summary>Owner, purpose, metric and review date.</summary>
    public RuleInfo Info { get; }

    /// <summary>Whether it takes part in decisions by the engine-wide settings (a signal with both weights 0 does not).</summary>
    /// <remarks>
    /// <see cref="Enabled"/>, <see cref="Weight"/> and <see cref="ColdStartWeight"/> describe the
    /// engine-wide options. A placement may weigh a signal the engine does not, or switch off a
    /// guardrail (<see cref="PlacementOptions"/>); the readiness report lists each placement's own.
    /// </remarks>
    public bool Enabled { get; }

    /// <summary>A signal's weight for users with history; null for other kinds.</summary>
    public float? Weight { get; }

    /// <summary>A signal's weight for users without usable history; null for other kinds.</summary>
    public float? ColdStartWeight { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(RuleDescriptor? left, RuleDescriptor? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(RuleDescriptor? left, RuleDescriptor? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(RuleDescriptor? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Kind == other.Kind
        && Equals(Info, other.Info)
        && Enabled == other.Enabled
        && Nullable.Equals(Weight, other.Weight)
        && Nullable.Equals(ColdStartWeight, other.ColdStartWeight);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RuleDescriptor);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Kind, Info, Enabled, Weight, ColdStartWeight);
}
