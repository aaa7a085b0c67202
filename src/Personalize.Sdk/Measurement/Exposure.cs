
namespace Personalize.Sdk.Extensibility;

/// <summary>
/// One unit shown one decision, in one holdout's arm: what an <see cref="IExposureSink"/> receives.
/// A ref struct over the decision's own buffers, so recording it allocates nothing; copy what you keep.
/// </summary>
public readonly ref struct Exposure
{
    private readonly string? _unitKey;
    private readonly string? _holdout;

    /// <summary>Creates an exposure, for example to test an <see cref="IExposureSink"/> of your own.</summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="unitKey">The unit the holdout assigns by.</param>
    /// <param name="assignment">The unit's holdout, arm and bucket.</param>
    /// <param name="variant">The experience served.</param>
    /// <param name="items">The items shown, best first.</param>
    /// <param name="timestamp">When the decision was made.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unitKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="assignment"/> is <see langword="default"/>: it names no holdout.</exception>
    public Exposure(Guid decisionId, string unitKey, in HoldoutAssignment assignment, DecisionVariant variant, ReadOnlySpan<RankedItem> items, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(unitKey);
        if (assignment.IsDefault)
        {
            throw new ArgumentException("A default HoldoutAssignment names no holdout.", nameof(assignment));
        }

        DecisionId = decisionId;
        _unitKey = unitKey;
        _holdout = assignment.Holdout;
        Arm = assignment.Arm;
        Bucket = assignment.Bucket;
        Variant = variant;
        Items = items;
        Timestamp = timestamp;
    }

    /// <summary>The decision's id.</summary>
    public Guid DecisionId { get; }

    /// <summary>The unit the holdout assigns by (sticky across sign-in). Empty, never null, on a default instance.</summary>
    public string UnitKey => _unitKey ?? string.Empty;

    /// <summary>The holdout's name. Empty, never null, on a default instance.</summary>
    public string Holdout => _holdout ?? string.Empty;

    /// <summary>The unit's arm in that holdout.</summary>
    public HoldoutArm Arm { get; }

    /// <summary>The unit's bucket in that holdout.</summary>
    public int Bucket { get; }

    /// <summary>The experience served.</summary>
    public DecisionVariant Variant { get; }

    /// <summary>
    /// The placement that served the decision, so a sink can split what it forwards by placement;
    /// null on an exposure created without one. (The built-in <c>LiftReport</c> measures each
    /// holdout as a whole: give a placement its own <see cref="PlacementOptions.Holdout"/> to read
    /// its lift alone.)
    /// </summary>
    public string? Placement { get; init; }

    /// <summary>The items shown, best first.</summary>
    public ReadOnlySpan<RankedItem> Items { get; }

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset Timestamp { get; }
}
