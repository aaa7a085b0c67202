using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>Never what the user dismissed (<see cref="EventKind.Dismiss"/>).</summary>
internal sealed class DismissedGuardrail : IGuardrail
{
    public string Name => BuiltInGuardrails.Dismissed;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var dismissed = context.ProfileData.Dismissed;
        if (dismissed.Count == 0)
        {
            return;
        }

        if (dismissed.Count > candidates.Length)
        {
            // Few candidates, many dismissals: a binary search per candidate beats marking them all.
            for (var i = 0; i < candidates.Length; i++)
            {
                if (dismissed.Contains(candidates[i]))
                {
                    eligible[i] = false;
                }
            }

            return;
        }

        var marks = context.Scratch.ItemFlags(context.Catalog.IndexSpace);
        ItemMarks.Mark(dismissed.Items, marks, true);
        ItemMarks.RemoveMarked(marks, candidates, eligible);
        ItemMarks.Mark(dismissed.Items, marks, false);
    }

    public string Explain(in DecisionContext context, int itemIndex) => "The user dismissed this item.";
}
