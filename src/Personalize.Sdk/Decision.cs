using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

/// <summary>The outcome of one <see cref="IPersonalizer.Rank(in PersonalizationRequest)"/> call.</summary>
public sealed class Decision
{
    /// <summary>
    /// Creates a decision by hand, for example what a test fake of <see cref="IPersonalizer"/>
    /// returns. The SDK's own decisions come from <see cref="IPersonalizer.Rank(in PersonalizationRequest)"/>.
    /// </summary>
    /// <param name="info">The decision's id, variant, reason, placement, time and holdout assignment.</param>
    /// <param name="items">The ranked items, best first; they are copied.</param>
    /// <param name="explanation">Why the decision came out as it did; null when none was asked for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">The placement in <paramref name="info"/> is null or empty, or an item of <paramref name="items"/> is a default <see cref="RankedItem"/> (without a key).</exception>
    public Decision(DecisionInfo info, IEnumerable<RankedItem> items, DecisionExplanation? explanation = null)
        : this(CopyOf(items, info), info, explanation)
    {
    }

    private Decision(RankedItem[] items, in DecisionInfo info, DecisionExplanation? explanation)
    {
        Explanation = explanation;
        Id = info.Id;
        Variant = info.Variant;
        Timestamp = info.Timestamp;
        Holdout = info.Holdout;
        Reason = info.Reason;
        Placement = info.Placement;
        Items = items;
    }

    /// <summary>Wraps the SDK's own buffer of ranked items without copying it.</summary>
    internal static Decision Create(in DecisionInfo info, RankedItem[] items, DecisionExplanation? explanation) => new(items, info, explanation);

    /// <summary>The decision's unique id (a version 7 GUID, ordered by time); use it to attribute outcomes.</summary>
    public Guid Id { get; }

    /// <summary>Which experience served the decision.</summary>
    public DecisionVariant Variant { get; }

    /// <summary>Why the decision was served by its variant: no history, no consent, a holdout, the kill switch...</summary>
    public DecisionReason Reason { get; }

    /// <summary>The placement that served the decision.</summary>
    public string Placement { get; }

    /// <summary>When the decision was made, by the SDK's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// The unit's holdout assignment: name, arm and bucket of the holdout that put it in control,
    /// else of the first holdout; on a placement with a <see cref="PlacementOptions.Holdout"/>, of
    /// that holdout when it put the unit in control or none did. Null when no holdout is configured.
    /// </summary>
    public HoldoutAssignment? Holdout { get; }

    /// <summary>The ranked items, best first.</summary>
    public IReadOnlyList<RankedItem> Items { get; }

    /// <summary>Why the decision came out as it did, when the request set <see cref="PersonalizationRequest.Explain"/>; otherwise null.</summary>
    public DecisionExplanation? Explanation { get; }

    private static RankedItem[] CopyOf(IEnumerable<RankedItem> items, in DecisionInfo info)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(info.ConstructedPlacement, nameof(info));
        RankedItem[] copy = [.. items];
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i].IsDefault)
            {
                throw new ArgumentException($"The item at {i} is a default RankedItem, without a key; create each with new RankedItem(itemKey, score).", nameof(items));
            }
        }

        return copy;
    }
}
