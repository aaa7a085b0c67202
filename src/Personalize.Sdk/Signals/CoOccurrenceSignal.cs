using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Scoring;
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

        // One copy of each neighbour list serves the spreading, the clearing and the reason: a Track
        // on another thread may replace a neighbour meanwhile, and clearing another list than the one
        // spread would leave a value in this thread's table for every later decision to read.
        const int Slots = NeighbourCopy.Slots;
        context.Scratch.Neighbours.Begin(count, out var items, out var weights);
        for (var i = 0; i < count; i++)
        {
            var (neighbours, neighbourWeights) = context.Statistics.NeighboursOf(recent.NewestItem(i));
            var length = Math.Min(Slots, Math.Min(neighbours.Length, neighbourWeights.Length));
            neighbours.Span[..length].CopyTo(items.Slice(i * Slots, length));
            neighbourWeights.Span[..length].CopyTo(weights.Slice(i * Slots, length));
        }

        // Scaled weights can exceed float's range: find the largest first, then spread in [0, 1].
        var max = System.Numerics.Tensors.TensorPrimitives.Max(weights);
        if (!(max > 0))
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            Spread(items.Slice(i * Slots, Slots), weights.Slice(i * Slots, Slots), byItem, 1 / (max * (i + 1)));
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

        foreach (var item in items)
        {
            if ((uint)item < (uint)byItem.Length)
            {
                byItem[item] = 0f;
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
