namespace Personalize.Sdk.Extensibility;

/// <summary>
/// A rule that removes candidates a user must not be shown: what they just bought, what is out of
/// stock, promotions after a complaint. Guardrails run before the signals, on every variant.
/// </summary>
/// <remarks>
/// Singletons called concurrently on the decision path: keep <see cref="Apply"/> allocation-free.
/// A guardrail that throws makes the decision fall back to the default ranking of what the other
/// guardrails allowed; the exception never reaches the caller. Either method's fault is counted
/// (<c>personalize.guardrail.faults</c>, tagged <c>guardrail</c> with <see cref="Name"/>) and
/// logged at most once a minute per guardrail.
/// </remarks>
public interface IGuardrail
{
    /// <summary>The guardrail's unique name, as shown in explanations and the rule registry.</summary>
    string Name { get; }

    /// <summary>
    /// Clears <c>eligible[i]</c> for every candidate this guardrail removes; never sets one. A flag it
    /// sets anyway is cleared again after it returns: a guardrail cannot bring back a candidate an
    /// earlier one removed.
    /// </summary>
    /// <param name="context">The user's profile, the catalog and the request.</param>
    /// <param name="candidates">The candidates' item indices.</param>
    /// <param name="eligible">One flag per candidate, true on entry unless an earlier guardrail removed it.</param>
    void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible);

    /// <summary>
    /// Why this guardrail removes an item, in words a support agent can read. Only called for
    /// explanations, for the items this guardrail removed first. If it throws or returns null, the
    /// removal's reason is <c>Removed by {Name}.</c>, the fault is counted and logged by the
    /// exception's type only, and the decision is unchanged.
    /// </summary>
    /// <param name="context">The decision's context.</param>
    /// <param name="itemIndex">An item this guardrail removed.</param>
    /// <returns>The reason.</returns>
    string Explain(in DecisionContext context, int itemIndex);
}
