namespace Personalize.Sdk.Reporting;

/// <summary>What one arm of a holdout saw and did.</summary>
/// <remarks>Compared by value: two results are equal when every property is.</remarks>
public sealed class ArmResult : IEquatable<ArmResult>
{
    /// <summary>Creates an arm's result, for example for a hand-made <see cref="LiftReport"/> in a test.</summary>
    /// <param name="arm">Treatment or control.</param>
    /// <param name="exposedUnits">Units shown at least one measured decision.</param>
    /// <param name="convertedUnits">Exposed units that bought within the attribution window.</param>
    /// <param name="revenue">Their attributed revenue.</param>
    /// <param name="conversionRate">Converted / exposed units; null with no exposed unit.</param>
    /// <param name="revenuePerUnit">Revenue / exposed units; null with no exposed unit.</param>
    public ArmResult(HoldoutArm arm, long exposedUnits, long convertedUnits, double revenue, double? conversionRate, double? revenuePerUnit)
    {
        Arm = arm;
        ExposedUnits = exposedUnits;
        ConvertedUnits = convertedUnits;
        Revenue = revenue;
        ConversionRate = conversionRate;
        RevenuePerUnit = revenuePerUnit;
    }

    /// <summary>Treatment or control.</summary>
    public HoldoutArm Arm { get; }

    /// <summary>Units shown at least one measured decision.</summary>
    public long ExposedUnits { get; }

    /// <summary>Exposed units that bought within the attribution window.</summary>
    public long ConvertedUnits { get; }

    /// <summary>Their attributed revenue.</summary>
    public double Revenue { get; }

    /// <summary>Converted / exposed units; null with no exposed unit.</summary>
    public double? ConversionRate { get; }

    /// <summary>Revenue / exposed units; null with no exposed unit.</summary>
    public double? RevenuePerUnit { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(ArmResult? left, ArmResult? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(ArmResult? left, ArmResult? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(ArmResult? other) =>
        other is not null
        && Arm == other.Arm
        && ExposedUnits == other.ExposedUnits
        && ConvertedUnits == other.ConvertedUnits
        && Revenue.Equals(other.Revenue)
        && Nullable.Equals(ConversionRate, other.ConversionRate)
        && Nullable.Equals(RevenuePerUnit, other.RevenuePerUnit);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ArmResult);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Arm, ExposedUnits, ConvertedUnits, Revenue, ConversionRate, RevenuePerUnit);
}
