using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Signals;

/// <summary>
/// Attribute affinity: how much this user engaged with the candidate's attributes (each
/// <c>name=value</c> pair, such as <c>brand=Acme</c>), decayed by
/// <see cref="PersonalizationOptions.AffinityHalfLife"/>. An item scores its best attribute's share
/// of the user's decayed engagement with all the attributes they engaged with positively (the
/// shares sum to 1); no shared attribute scores 0.
/// </summary>
internal sealed class AttributeAffinitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.AttributeAffinity;

    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        ref readonly var attributes = ref context.ProfileData.Attributes;
        var catalog = context.Catalog;
        var byAttribute = context.Scratch.AttributeTable(catalog.AttributeSpace);
        if (!AffinityLookup.Fill(in attributes, byAttribute, context.Now.UtcTicks, context.AffinityHalfLifeTicks))
        {
            return;
        }

        // The catalog's arrays read directly, and a plain comparison: the shares are never NaN or
        // negative, so it keeps what Math.Max would, without a span and NaN handling per item.
        var starts = catalog.AttributeStarts;
        var ids = catalog.AttributeIds;
        for (var i = 0; i < candidates.Length; i++)
        {
            var item = candidates[i];
            var best = 0f;
            for (var a = starts[item]; a < starts[item + 1]; a++)
            {
                var share = byAttribute[ids[a]];
                if (share > best)
                {
                    best = share;
                }
            }

            column[i] = best;
        }

        AffinityLookup.Reset(in attributes, byAttribute);
    }
}
