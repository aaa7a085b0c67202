using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Scoring;

namespace Personalize.Sdk.Engine;

/// <summary>The holdout stage: assigns the unit to the placement's holdout, or to every holdout when the placement names none.</summary>
internal sealed class HoldoutStage(HoldoutAssigner holdouts)
{
    /// <summary>
    /// Writes the unit's assignments into <paramref name="assignments"/> and returns the one the
    /// decision carries (null without holdouts); <paramref name="first"/> is the index of the first
    /// holdout in <paramref name="assignments"/>.
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

        first = plan.HoldoutIndex;
        assignments = assignments[..1];
        assignments[0] = holdouts.Assign(plan.HoldoutIndex, unitKey, forced);
        return assignments[0];
    }
}
