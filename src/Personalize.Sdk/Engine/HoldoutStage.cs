using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The holdout stage: assigns the unit to every holdout, so control in any gives the default
/// experience; the placement's holdout alone measures it when the placement names one.
/// </summary>
internal sealed class HoldoutStage(HoldoutAssigner holdouts)
{
    /// <summary>
    /// Writes the assignments the decision is measured by into <paramref name="assignments"/> (every
    /// holdout's, or the placement's holdout's alone) and returns the one the decision carries (null
    /// without holdouts): the holdout that put the unit in control, else the placement's holdout,
    /// else the first. <paramref name="first"/> is the index of the first holdout in <paramref name="assignments"/>.
    /// </summary>
    public HoldoutAssignment? Assign(PlacementPlan plan, string unitKey, HoldoutArm? forced, DecisionScratch scratch, out Span<HoldoutAssignment> assignments, out int first)
    {
        assignments = scratch.StageBuffer<HoldoutAssignment>(holdouts.Count);
        first = 0;
        if (holdouts.Count == 0)
        {
            return null;
        }

        if (plan.HoldoutIndex == PlacementPlan.AllHoldouts)
        {
            return holdouts.AssignAll(unitKey, forced, assignments);
        }

        // Every holdout decides the variant; the placement's own holdout alone measures it.
        var carried = holdouts.AssignAll(unitKey, forced, assignments, preferred: plan.HoldoutIndex);
        first = plan.HoldoutIndex;
        assignments = assignments.Slice(first, 1);
        return carried;
    }
}
