
namespace Personalize.Sdk.Reporting;

/// <summary>What one arm of a holdout saw and did.</summary>
/// <param name="Arm">Treatment or control.</param>
/// <param name="ExposedUnits">Units shown at least one measured decision.</param>
/// <param name="ConvertedUnits">Exposed units that bought within the attribution window.</param>
/// <param name="Revenue">Their attributed revenue.</param>
/// <param name="ConversionRate">Converted / exposed units; null with no exposed unit.</param>
/// <param name="RevenuePerUnit">Revenue / exposed units; null with no exposed unit.</param>
public sealed record ArmResult(HoldoutArm Arm, long ExposedUnits, long ConvertedUnits, double Revenue, double? ConversionRate, double? RevenuePerUnit);
