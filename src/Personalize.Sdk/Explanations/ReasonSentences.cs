namespace Personalize.Sdk.Explanations;

/// <summary>
/// What one signal's contribution to an item can truthfully say: the facts it states of this item
/// (a recent item it came from, a stated preference, "Popular right now"), most telling first, and
/// the line it shares with many items, naming a category or nothing ("Because you like coffee",
/// "Often chosen next").
/// </summary>
/// <param name="Facts">The sentences that state a fact of this item, most telling first; may be empty.</param>
/// <param name="Shared">The line shared with many items, or null when the signal has none.</param>
internal readonly record struct ReasonSentences(IReadOnlyList<string> Facts, string? Shared)
{
    /// <summary>What the signal says when the row has said everything: its shared line, else its first fact.</summary>
    public string Repeated => Shared ?? Facts[0];
}
