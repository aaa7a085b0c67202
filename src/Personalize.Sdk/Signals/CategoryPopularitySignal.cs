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

        // Maxima in double, and each item divided by its own category's: scaled by an overall
        // maximum and cast to float first, a long-quiet category's values underflowed to 0.
        var maxByCategory = context.Scratch.CategoryValues(catalog.CategorySpace);
        foreach (var index in candidates)
        {
            var category = catalog.GetCategory(index);
            if (category >= 0 && (uint)index < (uint)popularity.Length)
            {
                maxByCategory[category] = Math.Max(maxByCategory[category], popularity[index]);
            }
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var category = catalog.GetCategory(index);
            if (category >= 0 && maxByCategory[category] > 0 && (uint)index < (uint)popularity.Length)
            {
                column[i] = (float)Math.Min(popularity[index] / maxByCategory[category], 1);
            }
        }

        foreach (var index in candidates)
        {
            var category = catalog.GetCategory(index);
            if (category >= 0)
            {
                maxByCategory[category] = 0;
            }
        }
    }
}
