
namespace Personalize.Sdk;

/// <summary>What the allocation-free <see cref="IPersonalizer.Rank(in PersonalizationRequest, Span{RankedItem}, out DecisionInfo)"/> says about its decision.</summary>
/// <remarks>A small value type with value equality (the placement compares ordinally).</remarks>
public readonly struct DecisionInfo : IEquatable<DecisionInfo>
{
    private readonly string? _placement;

    /// <summary>Creates the facts of a decision, for example in a test fake of <see cref="IPersonalizer"/>.</summary>
    /// <param name="id">The decision's unique id.</param>
    /// <param name="variant">Which experience served the decision.</param>
    /// <param name="timestamp">When the decision was made.</param>
    /// <param name="holdout">The unit's holdout assignment; null when no holdout is configured.</param>
    /// <param name="reason">Why the decision was served by its variant.</param>
    /// <param name="placement">The placement that served it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="placement"/> is null.</exception>
    public DecisionInfo(Guid id, DecisionVariant variant, DateTimeOffset timestamp, HoldoutAssignment? holdout, DecisionReason reason, string placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        Id = id;
        Variant = variant;
        Timestamp = timestamp;
        Holdout = holdout;
        Reason = reason;
        _placement = placement;
    }

    /// <summary>The decision's unique id (a version 7 GUID, ordered by time).</summary>
    public Guid Id { get; }

    /// <summary>Which experience served the decision.</summary>
    public DecisionVariant Variant { get; }

    /// <summary>When the decision was made, by the SDK's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// The unit's holdout assignment (the holdout that put it in control, else the first; on a
    /// placement with a <see cref="PlacementOptions.Holdout"/>, that holdout when it put the unit in
    /// control or none did); null when no holdout is configured.
    /// </summary>
    public HoldoutAssignment? Holdout { get; }

    /// <summary>Why the decision was served by its variant.</summary>
    public DecisionReason Reason { get; }

    /// <summary>The placement that served it. Empty, never null, on a default instance.</summary>
    public string Placement => _placement ?? string.Empty;

    /// <summary>The placement as constructed: null on a default instance, which names none.</summary>
    internal string? ConstructedPlacement => _placement;

    /// <summary>Whether two decisions' facts are equal in every property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(DecisionInfo left, DecisionInfo right) => left.Equals(right);

    /// <summary>Whether two decisions' facts differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(DecisionInfo left, DecisionInfo right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(DecisionInfo other) =>
        Id == other.Id && Variant == other.Variant && Timestamp.Equals(other.Timestamp) && Nullable.Equals(Holdout, other.Holdout)
        && Reason == other.Reason && string.Equals(Placement, other.Placement, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DecisionInfo other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Variant, Timestamp, Holdout, Reason, Placement);

    /// <summary>The facts as text, for logs and test failures.</summary>
    /// <returns>The id, variant, reason and placement.</returns>
    public override string ToString() => $"{Id} {Variant} ({Reason}) on '{Placement}'";
}
