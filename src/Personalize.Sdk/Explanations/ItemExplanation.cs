namespace Personalize.Sdk.Reporting;

/// <summary>Why one item was ranked where it was.</summary>
public sealed class ItemExplanation
{
    /// <summary>Creates an item's explanation, for example for a hand-made <see cref="DecisionExplanation"/> in a test.</summary>
    /// <param name="itemKey">The item's key.</param>
    /// <param name="score">The item's score: up to rounding, the sum of the contributions.</param>
    /// <param name="contributions">Every signal's contribution, largest first.</param>
    /// <param name="reason">A sentence an app can show.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ItemExplanation(string itemKey, float score, IReadOnlyList<SignalContribution> contributions, string reason)
    {
        ArgumentNullException.ThrowIfNull(itemKey);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(reason);
        ItemKey = itemKey;
        Score = score;
        Contributions = contributions;
        Reason = reason;
    }

    /// <summary>The item's key.</summary>
    public string ItemKey { get; }

    /// <summary>
    /// The item's score: up to rounding, the sum of the contributions (the decision adds them in
    /// another order, so the last bits of a float may differ). 0, with no contribution, for an item
    /// not in the catalog, and for every item of a decision served in the candidates' own order
    /// because a guardrail or every signal failed (no signal ranked it).
    /// </summary>
    public float Score { get; }

    /// <summary>Every signal's contribution, largest first.</summary>
    public IReadOnlyList<SignalContribution> Contributions { get; }

    /// <summary>
    /// A sentence an app can show, built from the profile and catalog behind the largest
    /// contribution when it is positive, for example "Because you viewed Hiking boots". Within a
    /// decision no sentence is repeated while an item has another true one to give: an item whose
    /// largest contribution would repeat an item above it states the next fact behind it (another
    /// recent item it came from, then its next positive contribution's), then a line a signal shares
    /// with many items ("Because you like coffee", "Often chosen next"), and repeats its largest
    /// contribution's shared line only when nothing else is left. Otherwise
    /// one of four sentences saying what placed the item: "From our default selection" when the
    /// decision was ranked but nothing positive ranked this item (every signal weighed 0, so it has
    /// no contribution, or every contribution 0 or less); "Not in the catalog" for a candidate the
    /// catalog does not know; and, for a decision served unranked because a guardrail or every
    /// signal failed, "Shown in the order given" (the request's candidates) or "Shown in our default
    /// order" (the catalog's).
    /// </summary>
    public string Reason { get; }
}
