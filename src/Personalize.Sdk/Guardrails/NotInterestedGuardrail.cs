namespace Personalize.Sdk.Guardrails;

/// <summary>Never what the user said "not interested" to.</summary>
internal sealed class NotInterestedGuardrail : IGuardrail
{
    public string Name => BuiltInGuardrails.NotInterested;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var dismissed = context.ProfileData.Dismissed;
        if (dismissed.Count == 0)
        {
            return;
        }

        var marks = context.Scratch.ItemFlags(context.Catalog.IndexSpace);
        ItemMarks.Mark(dismissed, marks, true);
        ItemMarks.RemoveMarked(marks, candidates, eligible);
        ItemMarks.Mark(dismissed, marks, false);
    }

    public string Explain(in DecisionContext context, int itemIndex) => "The user said they are not interested in this item.";
}
