using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Similar items: what the people who engaged with this user's recent items also engaged with,
/// from the background item-to-item model (<see cref="SimilarItems"/>). Each of the user's recent
/// items (up to 16, each counting the same, as in RP3beta and EASE) adds its published similarities to its neighbours; normalised by the strongest
/// candidate (1). Reads one published table, allocation-free.
/// </summary>
internal sealed class SimilarItemsSignal : ISignalProvider
{
    public string Name => BuiltInSignals.SimilarItems;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var recent = context.ProfileData.RecentItems;
        if (recent.Count == 0)
        {
            return;
        }

        // The decision's table, read once when it started: a refresh publishing meanwhile changes neither score nor reason.
        var table = context.SimilarItems;
        var byItem = context.Scratch.ItemTable(context.Catalog.IndexSpace);
        for (var age = 0; age < recent.Count; age++)
        {
            var (items, weights) = table.Row(recent.NewestItem(age));
            for (var slot = 0; slot < items.Length; slot++)
            {
                if ((uint)items[slot] < (uint)byItem.Length)
                {
                    byItem[items[slot]] += weights[slot];
                }
            }
        }

        var best = 0f;
        for (var i = 0; i < candidates.Length; i++)
        {
            column[i] = byItem[candidates[i]];
            best = Math.Max(best, column[i]);
        }

        if (best > 0f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(column, best, column);
        }

        for (var age = 0; age < recent.Count; age++)
        {
            foreach (var item in table.Row(recent.NewestItem(age)).Items)
            {
                if ((uint)item < (uint)byItem.Length)
                {
                    byItem[item] = 0f;
                }
            }
        }
    }
}
