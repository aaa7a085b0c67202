namespace Personalize.Sdk.Reporting;

/// <summary>A candidate a guardrail removed from a decision, and why.</summary>
/// <remarks>Compared by value: two removals are equal when every property is (ordinally).</remarks>
public sealed class CandidateRemoval : IEquatable<CandidateRemoval>
{
    /// <summary>Creates a removal, for example for a hand-made <see cref="DecisionExplanation"/> in a test.</summary>
    /// <param name="itemKey">The removed item's key.</param>
    /// <param name="guardrail">The name of the guardrail that removed it.</param>
    /// <param name="reason">Why, in words a support agent can read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="itemKey"/>, <paramref name="guardrail"/> or <paramref name="reason"/> is null.</exception>
    public CandidateRemoval(string itemKey, string guardrail, string reason)
    {
        ArgumentNullException.ThrowIfNull(itemKey);
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(reason);
        ItemKey = itemKey;
        Guardrail = guardrail;
        Reason = reason;
    }

    /// <summary>The removed item's key.</summary>
    public string ItemKey { get; }

    /// <summary>The name of the guardrail that removed it.</summary>
    public string Guardrail { get; }

    /// <summary>Why, in words a support agent can read.</summary>
    public string Reason { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(CandidateRemoval? left, CandidateRemoval? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(CandidateRemoval? left, CandidateRemoval? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(CandidateRemoval? other) =>
        other is not null
        && string.Equals(ItemKey, other.ItemKey, StringComparison.Ordinal)
        && string.Equals(Guardrail, other.Guardrail, StringComparison.Ordinal)
        && string.Equals(Reason, other.Reason, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CandidateRemoval);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ItemKey, Guardrail, Reason);
}
