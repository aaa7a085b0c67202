using System.Globalization;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Explanations;

/// <summary>
/// Reads a finished decision's signal matrix back into explanations. Runs only when a request
/// asks for them, so its allocations stay off the allocation-free path.
/// </summary>
internal static class ExplanationBuilder
{
    /// <summary>The reason of an item served, unranked, in the order the request gave.</summary>
    public const string GivenOrder = "Shown in the order given";

    /// <summary>The reason of an item served, unranked, in the catalog's order.</summary>
    public const string DefaultOrder = "Shown in our default order";

    /// <summary>
    /// Explains the items at <paramref name="selected"/> (positions in <paramref name="candidates"/>,
    /// best first). The first <paramref name="learnedSlots"/> items were ordered by a learning
    /// placement's learned weights (<paramref name="learned"/>, one per signal at this person's
    /// confidence) and are explained with them, at the score they were served with; the rest by the
    /// placement's configured weights.
    /// </summary>
    public static DecisionExplanation Build(
        DecisionVariant variant,
        DecisionReason reason,
        SignalSlot[] signals,
        Placements.PlacementPlan plan,
        ReadOnlySpan<float> matrix,
        ReadOnlySpan<int> candidates,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<int> selected,
        in DecisionContext context,
        IReadOnlyList<CandidateRemoval> removed,
        ReadOnlySpan<RankedItem> served = default,
        ReadOnlySpan<float> learned = default,
        int learnedSlots = 0)
    {
        var catalog = context.Catalog;
        var writer = new ReasonWriter(catalog, context.ProfileData, context.Scratch.Neighbours, context.SimilarItems, context.Request, context.Now.UtcTicks, context.AffinityHalfLifeTicks);
        var given = new HashSet<string>(StringComparer.Ordinal);
        var n = candidates.Length;
        var items = new ItemExplanation[selected.Length];
        for (var i = 0; i < selected.Length; i++)
        {
            var position = selected[i];
            var contributions = new List<SignalContribution>(signals.Length);
            var byLearned = i < learnedSlots;
            for (var s = 0; s < signals.Length; s++)
            {
                var weight = byLearned ? learned[s] : plan.WeightFor(s, variant);
                if (weight != 0f)
                {
                    contributions.Add(new SignalContribution(signals[s].Name, weight, matrix[(s * n) + position]));
                }
            }

            contributions.Sort(static (a, b) => b.Contribution.CompareTo(a.Contribution));
            var index = candidates[position];
            var text = Reason(writer, contributions, index, given);
            items[i] = new ItemExplanation(catalog.GetItem(index)!.Key, byLearned ? served[i].Score : scores[position], contributions, text);
        }

        return new DecisionExplanation(Summarize(variant, reason, context), items, removed);
    }

    /// <summary>
    /// The first sentence no item above this one was given: for each of its positive contributions,
    /// largest first, the facts it states of the item, or its shared line when it states none; then
    /// the contributions' shared lines, in the same order. When every one was given already, its
    /// largest contribution's shared line (else its first fact), the sentence meant for many items.
    /// </summary>
    private static string Reason(ReasonWriter writer, List<SignalContribution> contributions, int index, HashSet<string> given)
    {
        var said = new List<ReasonSentences>(contributions.Count);
        foreach (var contribution in contributions)
        {
            // Largest first, NaN last: the first that placed the item nothing ends those that did.
            if (!(contribution.Contribution > 0f))
            {
                break;
            }

            var sentences = writer.Reasons(contribution.Signal, index);
            foreach (var fact in sentences.Facts)
            {
                if (given.Add(fact))
                {
                    return fact;
                }
            }

            // A contribution with no fact to state of this item says its shared line in its turn.
            if (sentences.Facts.Count == 0 && given.Add(sentences.Shared!))
            {
                return sentences.Shared!;
            }

            said.Add(sentences);
        }

        foreach (var sentences in said)
        {
            if (sentences.Shared is { } shared && given.Add(shared))
            {
                return shared;
            }
        }

        return said is [var strongest, ..] ? strongest.Repeated : "From our default selection";
    }

    /// <summary>
    /// Explains a decision served in the candidates' own order (a guardrail or every signal failed):
    /// no signal ranked it, so each item has no contribution, its score of 0 and a reason saying so.
    /// </summary>
    public static DecisionExplanation BuildUnranked(DecisionVariant variant, DecisionReason reason, bool candidatesGiven, ReadOnlySpan<RankedItem> written, in DecisionContext context, IReadOnlyList<CandidateRemoval> removed)
    {
        var text = candidatesGiven ? GivenOrder : DefaultOrder;
        var items = new ItemExplanation[written.Length];
        for (var i = 0; i < written.Length; i++)
        {
            items[i] = new ItemExplanation(written[i].ItemKey, written[i].Score, [], text);
        }

        return new DecisionExplanation(Summarize(variant, reason, context), items, removed);
    }

    /// <summary>Explains a decision that found no candidate in the catalog: each returned key, with no signal behind it.</summary>
    public static DecisionExplanation BuildUnknown(DecisionVariant variant, DecisionReason reason, ReadOnlySpan<RankedItem> written, in DecisionContext context)
    {
        var items = new ItemExplanation[written.Length];
        for (var i = 0; i < written.Length; i++)
        {
            items[i] = new ItemExplanation(written[i].ItemKey, written[i].Score, [], "Not in the catalog");
        }

        return new DecisionExplanation(Summarize(variant, reason, context), items, []);
    }

    private static string Summarize(DecisionVariant variant, DecisionReason reason, in DecisionContext context) => reason switch
    {
        DecisionReason.Profile =>
            string.Create(CultureInfo.InvariantCulture, $"Personalized from {context.ProfileData.EventCount} events (profile confidence {context.ProfileData.Confidence(context.Now.UtcTicks, context.AffinityHalfLifeTicks):0.00})."),
        DecisionReason.NoHistory => "Not enough history yet: ranked by what is popular and suits the context.",
        DecisionReason.LowConfidence => "The profile is too thin or too old to trust: ranked by what is popular and suits the context.",
        DecisionReason.NoConsent => "No consent to personalize: the default experience, without any profile signal.",
        DecisionReason.LowIntent => "A low-intent request: the default experience.",
        DecisionReason.Holdout => "In the holdout's control group: the default experience.",
        DecisionReason.KillSwitch => "Personalization is switched off: the default experience.",
        DecisionReason.SignalsFailed => "Every signal failed: the candidates in their own order.",
        DecisionReason.GuardrailFailed => "A guardrail failed: the candidates the others allowed, in their own order.",
        DecisionReason.Paused => "This placement paused personalization because its data readiness degraded: the default experience.",
        _ => variant == DecisionVariant.Fallback ? "No candidate is in the catalog: the candidates in the caller's order." : variant.ToString(),
    };
}
