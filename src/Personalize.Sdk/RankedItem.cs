namespace Personalize.Sdk;

/// <summary>One ranked item of a decision.</summary>
/// <remarks>
/// A small value type with value equality: two ranked items are equal when their keys (ordinal)
/// and scores are equal. Ranking into a <see cref="Span{T}"/> of them allocates nothing.
/// </remarks>
public readonly struct RankedItem : IEquatable<RankedItem>
{
    private readonly string? _itemKey;

    /// <summary>Creates a ranked item, for example in a test fake of <see cref="IPersonalizer"/>.</summary>
    /// <param name="itemKey">The item's key in the catalog.</param>
    /// <param name="score">The weighted score that placed it (see <see cref="Score"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="itemKey"/> is null.</exception>
    public RankedItem(string itemKey, float score)
    {
        ArgumentNullException.ThrowIfNull(itemKey);
        _itemKey = itemKey;
        Score = score;
    }

    /// <summary>The item's key in the catalog. Empty, never null, on a default instance.</summary>
    public string ItemKey => _itemKey ?? string.Empty;

    /// <summary>Whether this is a default instance, made by no constructor (its key is null underneath).</summary>
    internal bool IsDefault => _itemKey is null;

    /// <summary>
    /// The weighted score that placed it. Higher ranks first, except where the decision overrides
    /// the order: an item held back by the <see cref="PersonalizationOptions.MaxPerCategory"/> cap
    /// ranks after lower-scored items of other categories, a slot the learner explores shows an item
    /// drawn from its pool under the same cap whatever its score, and a fallback keeps the
    /// candidates' own order. When learned weights serve, the first <see cref="LearningOptions.CandidatePool"/> items carry the
    /// learned weights' score and any after them the configured mix's.
    /// </summary>
    public float Score { get; }

    /// <summary>Whether two ranked items have the same key and score.</summary>
    /// <param name="left">One item.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(RankedItem left, RankedItem right) => left.Equals(right);

    /// <summary>Whether two ranked items differ in key or score.</summary>
    /// <param name="left">One item.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(RankedItem left, RankedItem right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(RankedItem other) => string.Equals(ItemKey, other.ItemKey, StringComparison.Ordinal) && Score.Equals(other.Score);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RankedItem other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ItemKey, Score);

    /// <summary>The item as text, for logs and test failures.</summary>
    /// <returns>For example <c>boots 1.93</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ItemKey} {Score}");
}
