using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Category affinity: how much this user engaged with the candidate's category, decayed by
/// <see cref="PersonalizationOptions.AffinityHalfLife"/>, as a share of their decayed engagement
/// with all the categories they engaged with positively (the shares sum to 1). A user who engaged
/// with one category only scores 1 there; one who spread over four equally scores 0.25 in each. A
/// category the user never touched (or turned away from) scores 0.
/// </summary>
/// <remarks>
/// A share rather than a fraction of the strongest category: see <see cref="AffinityLookup"/>.
/// </remarks>
internal sealed class CategoryAffinitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.CategoryAffinity;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        ref readonly var categories = ref context.ProfileData.Categories;
        var catalog = context.Catalog;
        var byCategory = context.Scratch.CategoryTable(catalog.CategorySpace);
        if (!AffinityLookup.Fill(in categories, byCategory, context.Now.UtcTicks, context.AffinityHalfLifeTicks))
        {
            return;
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var category = catalog.GetCategory(candidates[i]);
            column[i] = category >= 0 ? byCategory[category] : 0f;
        }

        AffinityLookup.Reset(in categories, byCategory);
    }
}
