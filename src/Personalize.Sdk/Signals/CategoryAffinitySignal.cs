namespace Personalize.Sdk.Signals;

/// <summary>
/// Category affinity: how much this user engaged with the candidate's category, decayed by
/// <see cref="PersonalizationOptions.AffinityHalfLife"/>. Normalised by the user's strongest
/// category, which scores 1; a category the user never touched (or turned away from) scores 0.
/// </summary>
internal sealed class CategoryAffinitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.CategoryAffinity;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var categories = context.ProfileData.Categories;
        var catalog = context.Catalog;
        var byCategory = context.Scratch.CategoryTable(catalog.CategorySpace);
        if (!AffinityLookup.Fill(categories, byCategory, context.Now.UtcTicks, context.AffinityHalfLifeTicks))
        {
            return;
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var category = catalog.GetCategory(candidates[i]);
            column[i] = category >= 0 ? byCategory[category] : 0f;
        }

        AffinityLookup.Reset(categories, byCategory);
    }
}
