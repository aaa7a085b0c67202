
namespace Personalize.Sdk.Extensibility;

/// <summary>A click, add-to-cart or purchase by an exposed unit, attributed to its arm of one holdout.</summary>
/// <param name="UnitKey">The unit.</param>
/// <param name="Holdout">The holdout.</param>
/// <param name="Arm">The unit's arm.</param>
/// <param name="Kind">What the unit did.</param>
/// <param name="ItemKey">The item.</param>
/// <param name="Revenue">The revenue, for a purchase.</param>
/// <param name="Timestamp">When it happened.</param>
public readonly record struct Outcome(string UnitKey, string Holdout, HoldoutArm Arm, EventKind Kind, string ItemKey, decimal Revenue, DateTimeOffset Timestamp);
