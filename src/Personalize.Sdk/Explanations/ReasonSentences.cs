namespace Personalize.Sdk.Explanations;

/// <summary>
/// What one signal's contribution to an item can truthfully say: sentences that state a fact
/// (an item viewed, a category liked, "Popular right now"), most telling first, and a general line
/// that states none ("Matches what you told us") for when each of those was said already.
/// </summary>
/// <param name="Specific">The sentences that state a fact, most telling first; may be empty.</param>
/// <param name="General">The line that states no fact, or null when the signal has none.</param>
internal readonly record struct ReasonSentences(IReadOnlyList<string> Specific, string? General)
{
    /// <summary>What the signal says when the row has said everything: its broadest fact (the last), else its general line.</summary>
    public string? Repeated => Specific.Count > 0 ? Specific[^1] : General;
}
