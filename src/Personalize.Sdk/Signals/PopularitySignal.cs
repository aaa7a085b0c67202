using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Popularity: every user's views, clicks, carts, purchases and ratings above 0.5 of the item
/// (weighing 1, 2, 3, 5 and, for a rating r, 4 · (2r − 1); see <see cref="Profiles.EventWeights"/>),
/// decayed by <see cref="PersonalizationOptions.PopularityHalfLife"/>. Normalised by the most popular
/// candidate, which scores 1; an item nobody touched scores 0.
/// </summary>
internal sealed class PopularitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.Popularity;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var popularity = context.Statistics.Popularity;
        var max = 0d;
        foreach (var index in candidates)
        {
            if ((uint)index < (uint)popularity.Length && popularity[index] > max)
            {
                max = popularity[index];
            }
        }

        if (max <= 0)
        {
            return;
        }

        // At most 1: an event tracked since the maximum was read may have raised an item past it.
        var scale = 1 / max;
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            column[i] = (uint)index < (uint)popularity.Length ? (float)Math.Min(popularity[index] * scale, 1) : 0f;
        }
    }
}
