
namespace Personalize.Sdk;

/// <summary>What the allocation-free <see cref="IPersonalizer.Rank(in PersonalizationRequest, Span{RankedItem}, out DecisionInfo)"/> says about its decision.</summary>
/// <param name="Id">The decision's unique id (a version 7 GUID, ordered by time).</param>
/// <param name="Variant">Which experience served the decision.</param>
/// <param name="Timestamp">When the decision was made, by the SDK's <see cref="TimeProvider"/>.</param>
/// <param name="Holdout">The unit's holdout assignment (the holdout that put it in control, else the first); null when no holdout is configured.</param>
/// <param name="Reason">Why the decision was served by its variant.</param>
/// <param name="Placement">The placement that served it.</param>
public readonly record struct DecisionInfo(Guid Id, DecisionVariant Variant, DateTimeOffset Timestamp, HoldoutAssignment? Holdout, DecisionReason Reason, string Placement);
