using Personalize.Sdk.Catalog;

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
        Span<int> wanted = stackalloc int[ContextDimension.Count];
        var dimensions = 0;
        for (var dimension = 0; dimension < ContextDimension.Count; dimension++)
        {
            var value = ContextDimension.ValueOf(context.Request, dimension);
            wanted[dimension] = value is null ? int.MinValue : catalog.GetContextValueId(dimension, value);
            dimensions += value is null ? 0 : 1;
        }

        if (dimensions == 0)
        {
            return;
        }

        var share = 1f / dimensions;
        for (var i = 0; i < candidates.Length; i++)
        {
            var score = 0f;
            for (var dimension = 0; dimension < ContextDimension.Count; dimension++)
            {
                if (wanted[dimension] == int.MinValue)
                {
                    continue;
                }

                var has = catalog.GetContextAttribute(dimension, candidates[i]);
                score += has == CatalogSnapshot.None ? 0.5f : has == wanted[dimension] ? 1f : 0f;
            }

            column[i] = score * share;
        }
    }
}
