using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Similar items: what the people who engaged with this user's recent items also engaged with,
/// from the background item-to-item model (<see cref="SimilarItems"/>). Each of the user's recent
/// items (up to 16) adds its published similarities to its neighbours; normalised by the strongest
/// candidate (1). Reads one published table, allocation-free.
/// </summary>
internal sealed class SimilarItemsSignal : ISignalProvider
{
    /// <summary>How much less an older recent item counts: the item <c>age</c> places before the newest weighs 1 / (age + 1)^this.</summary>
    internal static readonly double RecencyExponent =
        double.TryParse(Environment.GetEnvironmentVariable("PERSONALIZE_I2I_RECENCY"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    public string Name => BuiltInSignals.SimilarItems;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var recent = context.ProfileData.RecentItems;
        if (recent.Count == 0)
        {
            return;
        }

        // One read of the reference: a refresh publishing meanwhile does not change this decision.
        var table = context.Statistics.SimilarItems;
        var byItem = context.Scratch.ItemTable(context.Catalog.IndexSpace);
        for (var age = 0; age < recent.Count; age++)
        {
            var (items, weights) = table.Row(recent.NewestItem(age));
            var factor = RecencyExponent == 0 ? 1f : (float)Math.Pow(age + 1, -RecencyExponent);
            for (var slot = 0; slot < items.Length; slot++)
            {
                if ((uint)items[slot] < (uint)byItem.Length)
                {
                    byItem[items[slot]] += weights[slot] * factor;
                }
            }
        }

        var best = 0f;
        for (var i = 0; i < candidates.Length; i++)
        {
            column[i] = byItem[candidates[i]];
            best = Math.Max(best, column[i]);
        }

        if (best > 0f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(column, best, column);
        }

        for (var age = 0; age < recent.Count; age++)
        {
            foreach (var item in table.Row(recent.NewestItem(age)).Items)
            {
                if ((uint)item < (uint)byItem.Length)
                {
                    byItem[item] = 0f;
                }
            }
        }
    }
}
