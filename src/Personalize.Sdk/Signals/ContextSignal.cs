using System.Numerics.Tensors;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Context match: for each of the request's channel, device and locale that is set, an item
/// whose attribute of the same name matches scores 1, one that differs 0, and one without that
/// attribute 0.5 (it suits any context). The column is the mean over the dimensions set; when the
/// request sets none, every item scores 0.
/// </summary>
internal sealed class ContextSignal : ISignalProvider
{
    public string Name => BuiltInSignals.Context;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var catalog = context.Catalog;
        Span<int> dimensions = stackalloc int[ContextDimension.Count];
        Span<int> wanted = stackalloc int[ContextDimension.Count];
        var set = 0;
        for (var dimension = 0; dimension < ContextDimension.Count; dimension++)
        {
            if (ContextDimension.ValueOf(context.Request, dimension) is { } value)
            {
                dimensions[set] = dimension;
                wanted[set++] = catalog.GetContextValueId(dimension, value);
            }
        }

        if (set == 0)
        {
            return;
        }

        // A dimension at a time over the candidates, reading its array once: each candidate's sum
        // still adds its dimensions in the same order, from 0 (the column is zeroed on entry), so
        // the values are as before.
        var share = 1f / set;
        for (var d = 0; d < set; d++)
        {
            var of = catalog.ContextAttributes(dimensions[d]);
            var want = wanted[d];
            for (var i = 0; i < candidates.Length; i++)
            {
                var has = of[candidates[i]];
                column[i] += has == CatalogSnapshot.None ? 0.5f : has == want ? 1f : 0f;
            }
        }

        TensorPrimitives.Multiply(column, share, column);
    }
}
