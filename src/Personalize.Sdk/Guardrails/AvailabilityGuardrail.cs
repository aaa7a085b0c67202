using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>Only items that can be shown: in stock, published (<see cref="CatalogItem.IsAvailable"/>).</summary>
internal sealed class AvailabilityGuardrail : IGuardrail
{
    public string Name => BuiltInGuardrails.Availability;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var catalog = context.Catalog;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (!catalog.IsAvailable(candidates[i]))
            {
                eligible[i] = false;
            }
        }
    }

    public string Explain(in DecisionContext context, int itemIndex) => "The item is not available.";
}
