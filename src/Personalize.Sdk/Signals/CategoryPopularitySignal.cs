using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Popularity within the category: the item's decayed popularity divided by that of the most
/// popular candidate of the same category, so the best of every category scores 1. It lets a
/// small category's favourite compete with a big category's, and orders items inside the
/// category a user likes. Uncategorised items and items nobody touched score 0.
/// </summary>
internal sealed class CategoryPopularitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.CategoryPopularity;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var popularity = context.Statistics.Popularity;
        var catalog = context.Catalog;
        var maxByCategory = context.Scratch.CategoryTable(catalog.CategorySpace);

        // Scaled popularity can exceed float's range: bring it to [0, 1] by the overall maximum first.
        var max = 0d;
        foreach (var index in candidates)
        {
            if ((uint)index < (uint)popularity.Length)
            {
                max = Math.Max(max, popularity[index]);
            }
        }

        if (max <= 0)
        {
            return;
        }

        var scale = 1 / max;
        foreach (var index in candidates)
        {
            var category = catalog.GetCategory(index);
            if (category >= 0 && (uint)index < (uint)popularity.Length)
            {
                maxByCategory[category] = Math.Max(maxByCategory[category], (float)(popularity[index] * scale));
            }
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var category = catalog.GetCategory(index);
            if (category >= 0 && maxByCategory[category] > 0f && (uint)index < (uint)popularity.Length)
            {
                column[i] = (float)(popularity[index] * scale) / maxByCategory[category];
            }
        }

        foreach (var index in candidates)
        {
            var category = catalog.GetCategory(index);
            if (category >= 0)
            {
                maxByCategory[category] = 0f;
            }
        }
    }
}
