using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// An item shown <see cref="GuardrailOptions.FrequencyCap"/> times without engagement within
/// <see cref="GuardrailOptions.FrequencyCapWindow"/> rests until the window ends. Showings are
/// counted by the decisions themselves; any engagement with the item starts its count again.
/// </summary>
internal sealed class FrequencyCapGuardrail(GuardrailOptions options) : IGuardrail
{
    private readonly int _cap = options.FrequencyCap;

    public long WindowTicks { get; } = options.FrequencyCapWindow.Ticks;

    public string Name => BuiltInGuardrails.FrequencyCap;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var shows = context.ProfileData.Shows;
        if (shows.Count == 0)
        {
            return;
        }

        var marks = context.Scratch.ItemFlags(context.Catalog.IndexSpace);
        var now = context.Now.UtcTicks;
        for (var slot = 0; slot < shows.Count; slot++)
        {
            if ((uint)shows.ItemAt(slot) < (uint)marks.Length && shows.ShowsAt(slot, now, WindowTicks) >= _cap)
            {
                marks[shows.ItemAt(slot)] = true;
            }
        }

        ItemMarks.RemoveMarked(marks, candidates, eligible);
        for (var slot = 0; slot < shows.Count; slot++)
        {
            if ((uint)shows.ItemAt(slot) < (uint)marks.Length)
            {
                marks[shows.ItemAt(slot)] = false;
            }
        }
    }

    public string Explain(in DecisionContext context, int itemIndex) =>
        $"Shown {_cap} times without engagement: resting for now.";
}
