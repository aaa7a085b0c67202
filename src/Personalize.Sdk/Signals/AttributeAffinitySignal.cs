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

        for (var i = 0; i < candidates.Length; i++)
        {
            var best = 0f;
            foreach (var attribute in catalog.GetAttributes(candidates[i]))
            {
                best = Math.Max(best, byAttribute[attribute]);
            }

            column[i] = best;
        }

        AffinityLookup.Reset(in attributes, byAttribute);
    }
}
