namespace Personalize.Sdk.Signals;

/// <summary>
/// What the user said: 1 for an item whose category or any attribute the user said they like,
/// 0 otherwise. Its default weight (3) exceeds the inferred signals' weights together, so a stated
/// like outweighs anything inferred. (A stated dislike removes the item altogether; see the guardrails.)
/// </summary>
internal sealed class StatedPreferenceSignal : ISignalProvider
{
    public string Name => BuiltInSignals.StatedPreference;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var preferences = context.ProfileData.Preferences;
        if (preferences.Count == 0)
        {
            return;
        }

        var catalog = context.Catalog;
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            var liked = preferences.SignFor(isAttribute: false, catalog.GetCategory(index)) > 0;
            foreach (var attribute in catalog.GetAttributes(index))
            {
                liked |= preferences.SignFor(isAttribute: true, attribute) > 0;
            }

            column[i] = liked ? 1f : 0f;
        }
    }
}
