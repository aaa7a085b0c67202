using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// What the user said: 1 for an item whose category or any attribute the user said they like,
/// 0 otherwise. Its default weight (4.5) exceeds the inferred signals' default weights together (4.25), so a stated
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

        PreferenceMatch.ForEach(preferences, sign: 1, context.Catalog, context.Scratch, candidates, column, static (column, position) => column[position] = 1f);
    }
}
