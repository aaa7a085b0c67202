namespace Personalize.Sdk;

/// <summary>Where one unit landed in one holdout.</summary>
/// <param name="Holdout">The holdout's name.</param>
/// <param name="Arm">The unit's arm.</param>
/// <param name="Bucket">The unit's bucket in [0, 10000) under the holdout's salt and hasher.</param>
/// <param name="IsForced">Whether a QA override chose the arm (<see cref="PersonalizationRequest.ForceArm"/>); forced decisions are never measured.</param>
public readonly record struct HoldoutAssignment(string Holdout, HoldoutArm Arm, int Bucket, bool IsForced);
