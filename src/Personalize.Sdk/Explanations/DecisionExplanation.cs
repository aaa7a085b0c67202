namespace Personalize.Sdk.Reporting;

/// <summary>Why a decision came out as it did. Only built when the request asks for it.</summary>
public sealed class DecisionExplanation
{
    /// <summary>Creates an explanation, for example for a hand-made <see cref="Decision"/> in a test.</summary>
    /// <param name="summary">One line on the decision as a whole.</param>
    /// <param name="items">One explanation per ranked item, in the decision's order.</param>
    /// <param name="removed">The candidates guardrails removed before ranking.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DecisionExplanation(string summary, IReadOnlyList<ItemExplanation> items, IReadOnlyList<CandidateRemoval> removed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(removed);
        Summary = summary;
        Items = items;
        Removed = removed;
    }

    /// <summary>One line on the decision as a whole: the variant and what it rested on.</summary>
    public string Summary { get; }

    /// <summary>One explanation per ranked item, in the decision's order.</summary>
    public IReadOnlyList<ItemExplanation> Items { get; }

    /// <summary>
    /// The candidates guardrails removed before ranking. When the request names no
    /// <see cref="PersonalizationRequest.Candidates"/>, unavailable items are not candidates, so they
    /// are not listed; they are listed under <c>availability</c> only when an explicit candidate list
    /// names them.
    /// </summary>
    public IReadOnlyList<CandidateRemoval> Removed { get; }
}
