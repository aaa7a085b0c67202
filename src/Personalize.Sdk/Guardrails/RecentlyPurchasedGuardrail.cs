using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Guardrails;

/// <summary>
/// Never what the user bought within <see cref="GuardrailOptions.RecentPurchaseWindow"/>; an item
/// of a replenishable category comes back after that category's own interval.
/// </summary>
internal sealed class RecentlyPurchasedGuardrail(GuardrailOptions options) : IGuardrail
{
    private readonly long _windowTicks = options.RecentPurchaseWindow.Ticks;
    private readonly Dictionary<string, long> _replenishTicks = options.ReplenishableCategories.ToDictionary(p => p.Key, p => p.Value.Ticks, StringComparer.Ordinal);

    public string Name => BuiltInGuardrails.RecentlyPurchased;

    public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
    {
        var purchases = context.ProfileData.Purchases;
        if (purchases.Count == 0)
        {
            return;
        }

        var marks = context.Scratch.ItemFlags(context.Catalog.IndexSpace);
        var now = context.Now.UtcTicks;
        for (var slot = 0; slot < purchases.Count; slot++)
        {
            var item = purchases.ItemAt(slot);
            if ((uint)item < (uint)marks.Length && now - purchases.TicksAt(slot) < WindowFor(context, item))
            {
                marks[item] = true;
            }
        }

        ItemMarks.RemoveMarked(marks, candidates, eligible);
        ItemMarks.Mark(purchases, marks, false);
    }

    public string Explain(in DecisionContext context, int itemIndex)
    {
        var bought = context.ProfileData.Purchases.Find(itemIndex) ?? 0;
        var days = (context.Now.UtcTicks - bought) / TimeSpan.TicksPerDay;
        return days < 1 ? "The user bought this item today." : $"The user bought this item {days} days ago.";
    }

    private long WindowFor(in DecisionContext context, int item)
    {
        var category = context.Catalog.GetCategory(item);
        // The category of an item of this snapshot is always named by it.
        return category >= 0 && _replenishTicks.TryGetValue(context.Catalog.GetCategoryName(category)!, out var interval) ? interval : _windowTicks;
    }
}
