namespace Personalize.Sdk.Signals;

/// <summary>
/// Category affinity: how much this user engaged with the candidate's category, decayed by
/// <see cref="PersonalizationOptions.AffinityHalfLife"/>. Normalised by the user's strongest
/// category, which scores 1; a category the user never touched scores 0.
/// </summary>
internal sealed class CategoryAffinitySignal : ISignalProvider
{
    public string Name => BuiltInSignals.CategoryAffinity;

    public void Compute(in SignalContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var profile = context.ProfileData;
        if (profile.CategoryCount == 0)
        {
            return;
        }

        // Decay each of the user's few categories once, into a table by category id, then read it per candidate.
        var catalog = context.Catalog;
        var byCategory = context.Scratch.CategoryTable(catalog.CategorySpace);
        var now = context.Now.UtcTicks;
        var max = 0d;
        for (var slot = 0; slot < profile.CategoryCount; slot++)
        {
            var value = profile.CategoryValues[slot] * Profiles.Decay.Factor(profile.CategoryTicks[slot], now, context.AffinityHalfLifeTicks);
            max = Math.Max(max, value);
        }

        if (max <= 0)
        {
            return;
        }

        for (var slot = 0; slot < profile.CategoryCount; slot++)
        {
            var id = profile.CategoryIds[slot];
            if ((uint)id < (uint)byCategory.Length)
            {
                byCategory[id] = (float)(profile.CategoryValues[slot] * Profiles.Decay.Factor(profile.CategoryTicks[slot], now, context.AffinityHalfLifeTicks) / max);
            }
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var category = catalog.GetCategory(candidates[i]);
            column[i] = category >= 0 ? byCategory[category] : 0f;
        }

        for (var slot = 0; slot < profile.CategoryCount; slot++)
        {
            var id = profile.CategoryIds[slot];
            if ((uint)id < (uint)byCategory.Length)
            {
                byCategory[id] = 0f;
            }
        }
    }
}
