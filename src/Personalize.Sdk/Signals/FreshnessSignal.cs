using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Freshness: an item that arrived (<see cref="CatalogItem.AddedAt"/>) within
/// <see cref="PersonalizationOptions.FreshnessPeriod"/> scores 1 on arrival, fading linearly to 0
/// at the end of the period. Items without an arrival date, older ones and not-yet-arrived ones score 0.
/// </summary>
internal sealed class FreshnessSignal : ISignalProvider
{
    public string Name => BuiltInSignals.Freshness;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var catalog = context.Catalog;
        var now = context.Now.UtcTicks;
        var period = (double)context.FreshnessPeriodTicks;
        for (var i = 0; i < candidates.Length; i++)
        {
            var added = catalog.GetAddedTicks(candidates[i]);
            var age = now - added;
            if (added > 0 && age >= 0 && age < period)
            {
                column[i] = (float)(1 - (age / period));
            }
        }
    }
}
