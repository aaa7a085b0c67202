
namespace Personalize.Sdk.Extensibility;

/// <summary>A click, add-to-cart or purchase by an exposed unit, attributed to its arm of one holdout.</summary>
/// <remarks>A small value type with value equality (keys compare ordinally); what an <see cref="IExposureSink"/> receives.</remarks>
public readonly struct Outcome : IEquatable<Outcome>
{
    private readonly string? _unitKey;
    private readonly string? _holdout;
    private readonly string? _itemKey;

    /// <summary>Creates an outcome, for example to test an <see cref="IExposureSink"/>.</summary>
    /// <param name="unitKey">The unit.</param>
    /// <param name="holdout">The holdout.</param>
    /// <param name="arm">The unit's arm.</param>
    /// <param name="kind">What the unit did.</param>
    /// <param name="itemKey">The item.</param>
    /// <param name="revenue">The revenue, for a purchase.</param>
    /// <param name="timestamp">When it happened.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitKey"/>, <paramref name="holdout"/> or <paramref name="itemKey"/> is null.</exception>
    public Outcome(string unitKey, string holdout, HoldoutArm arm, EventKind kind, string itemKey, decimal revenue, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(unitKey);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(itemKey);
        _unitKey = unitKey;
        _holdout = holdout;
        Arm = arm;
        Kind = kind;
        _itemKey = itemKey;
        Revenue = revenue;
        Timestamp = timestamp;
    }

    /// <summary>The unit. Empty, never null, on a default instance.</summary>
    public string UnitKey => _unitKey ?? string.Empty;

    /// <summary>The holdout. Empty, never null, on a default instance.</summary>
    public string Holdout => _holdout ?? string.Empty;

    /// <summary>The unit's arm.</summary>
    public HoldoutArm Arm { get; }

    /// <summary>What the unit did.</summary>
    public EventKind Kind { get; }

    /// <summary>The item. Empty, never null, on a default instance.</summary>
    public string ItemKey => _itemKey ?? string.Empty;

    /// <summary>The revenue, for a purchase.</summary>
    public decimal Revenue { get; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Whether two outcomes are equal in every property.</summary>
    /// <param name="left">One outcome.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(Outcome left, Outcome right) => left.Equals(right);

    /// <summary>Whether two outcomes differ in any property.</summary>
    /// <param name="left">One outcome.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(Outcome left, Outcome right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Outcome other) =>
        string.Equals(UnitKey, other.UnitKey, StringComparison.Ordinal) && string.Equals(Holdout, other.Holdout, StringComparison.Ordinal)
        && Arm == other.Arm && Kind == other.Kind && string.Equals(ItemKey, other.ItemKey, StringComparison.Ordinal)
        && Revenue == other.Revenue && Timestamp.Equals(other.Timestamp);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Outcome other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(UnitKey, Holdout, Arm, Kind, ItemKey, Revenue, Timestamp);

    /// <summary>The outcome as text, for logs and test failures (the unit key is left out: it may be personal).</summary>
    /// <returns>For example <c>Purchase of boots in site/Treatment</c>.</returns>
    public override string ToString() => $"{Kind} of {ItemKey} in {Holdout}/{Arm}";
}
