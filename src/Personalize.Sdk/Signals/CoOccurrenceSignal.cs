using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Next step: what people went on to view, cart or buy right after the items this user touched
/// most recently. Each of the user's last few items (newest weighs most, 1/rank) spreads its
/// learnt neighbour weights onto the candidates; normalised by the strongest candidate (1).
/// Candidates no recent item leads to score 0.
/// </summary>
internal sealed class CoOccurrenceSignal : ISignalProvider
{
    public string Name => BuiltInSignals.CoOccurrence;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var recent = context.ProfileData.RecentItems;
        if (recent.Count == 0)
        {
            return;
        }

        var count = Math.Min(recent.Count, ItemStatistics.LinkedRecentItems);
        var byItem = context.Scratch.ItemTable(context.Catalog.IndexSpace);
        var statistics = context.Statistics;

        // Scaled weights can exceed float's range: find the largest first, then spread in [0, 1].
        var max = 0d;
        for (var i = 0; i < count; i++)
        {
            foreach (var weight in statistics.NeighboursOf(recent.NewestItem(i)).Weights.Span)
            {
                max = Math.Max(max, weight);
            }
        }

        if (max <= 0)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var (items, weights) = statistics.NeighboursOf(recent.NewestItem(i));
            Spread(items.Span, weights.Span, byItem, 1 / (max * (i + 1)));
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

        for (var i = 0; i < count; i++)
        {
            foreach (var item in statistics.NeighboursOf(recent.NewestItem(i)).Items.Span)
            {
                if ((uint)item < (uint)byItem.Length)
                {
                    byItem[item] = 0f;
                }
            }
        }
    }

    private static void Spread(ReadOnlySpan<int> items, ReadOnlySpan<double> weights, Span<float> byItem, double scale)
    {
        for (var slot = 0; slot < items.Length; slot++)
        {
            if ((uint)items[slot] < (uint)byItem.Length)
            {
                byItem[items[slot]] += (float)(weights[slot] * scale);
            }
        }
    }
}
