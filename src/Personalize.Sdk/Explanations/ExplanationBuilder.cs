using Personalize.Sdk.Catalog;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Explanations;

/// <summary>
/// Reads a finished decision's signal matrix back into explanations. Runs only when a request
/// asks for them, so its allocations stay off the allocation-free path.
/// </summary>
internal static class ExplanationBuilder
{
    public static DecisionExplanation Build(
        DecisionVariant variant,
        SignalSlot[] signals,
        ReadOnlySpan<float> matrix,
        ReadOnlySpan<int> candidates,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<int> selected,
        CatalogSnapshot catalog,
        ProfileData profile,
        ItemStatistics statistics,
        in RequestContext request,
        long nowTicks,
        double halfLifeTicks)
    {
        var writer = new ReasonWriter(catalog, profile, statistics, request, nowTicks, halfLifeTicks);
        var n = candidates.Length;
        var items = new ItemExplanation[selected.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            var position = selected[i];
            var contributions = new List<SignalContribution>(signals.Length);
            for (var s = 0; s < signals.Length; s++)
            {
                var weight = signals[s].WeightFor(variant);
                if (weight != 0f)
                {
                    contributions.Add(new SignalContribution(signals[s].Name, weight, matrix[(s * n) + position]));
                }
            }

            contributions.Sort(static (a, b) => b.Contribution.CompareTo(a.Contribution));
            var index = candidates[position];
            var reason = contributions is [{ Contribution: > 0f } top, ..] ? writer.Write(top.Signal, index) : "From our default selection";
            items[i] = new ItemExplanation(catalog.GetItem(index)!.Key, scores[position], contributions, reason);
        }

        var removed = new List<CandidateRemoval>();
        for (var position = 0; position < n; position++)
        {
            if (scores[position] == TopK.Excluded && ProfileExclusions.Explain(profile, catalog, candidates[position]) is { } removal)
            {
                removed.Add(removal);
            }
        }

        return new DecisionExplanation(Summarize(variant, profile, nowTicks, halfLifeTicks), items, removed);
    }

    private static string Summarize(DecisionVariant variant, ProfileData profile, long nowTicks, double halfLifeTicks) => variant switch
    {
        DecisionVariant.Personalized =>
            $"Personalized from {profile.EventCount} events (profile confidence {profile.Confidence(nowTicks, halfLifeTicks):0.00}).",
        DecisionVariant.ColdStart => "Not enough history yet: ranked by what is popular and suits the context.",
        DecisionVariant.Control => "In the holdout's control group: the default experience.",
        _ => "The default ranking: personalization could not be used for this decision.",
    };
}
