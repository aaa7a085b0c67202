using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Trending: every user's views, clicks, carts, purchases and ratings above 0.5 of the item, with
/// popularity's weights (<see cref="Profiles.EventWeights"/>), decayed by the short
/// <see cref="PersonalizationOptions.TrendHalfLife"/> (1 day by default) instead of
/// <see cref="PersonalizationOptions.PopularityHalfLife"/>. Normalised by the candidate engaged
/// with most lately, which scores 1; an item nobody touched scores 0. Beside <c>popularity</c>,
/// it lets the mix weigh today's favourites against the week's.
/// </summary>
/// <remarks>
/// A velocity (the excess of the recent rate over the longer-run rate) was measured too, on the
/// evaluation harness's validation windows, and lost on UCI Online Retail (see the README, "Quality").
/// Cost per decision: one array load and a multiply per candidate; per event: one more add, under
/// the statistics' lock; memory: one <see langword="double"/> per item.
/// </remarks>
internal sealed class TrendingSignal : ISignalProvider
{
    public string Name => BuiltInSignals.Trending;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var recent = context.Statistics.RecentPopularity;
        var max = 0d;
        foreach (var index in candidates)
        {
            if ((uint)index < (uint)recent.Length && recent[index] > max)
            {
                max = recent[index];
            }
        }

        if (max <= 0)
        {
            return;
        }

        var scale = 1 / max;
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = candidates[i];
            column[i] = (uint)index < (uint)recent.Length ? (float)Math.Min(recent[index] * scale, 1) : 0f;
        }
    }
}
