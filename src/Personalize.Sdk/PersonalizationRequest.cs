
namespace Personalize.Sdk;

/// <summary>What to rank, for whom, and how many items to return.</summary>
/// <remarks>
/// A small value type, so building one per request allocates nothing. Leave
/// <see cref="Candidates"/> empty to rank the whole catalog.
/// </remarks>
public readonly struct PersonalizationRequest
{
    /// <summary>The default number of items a decision returns.</summary>
    public const int DefaultCount = 10;

    /// <summary>The placement of a request that names none.</summary>
    public const string DefaultPlacement = "default";

    private readonly int? _count;
    private readonly HoldoutArm? _forceArm;
    private readonly string? _userKey;

    /// <summary>Creates a request for <paramref name="userKey"/>.</summary>
    /// <param name="userKey">The user's key: an anonymous visitor id or a known account id.</param>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    public PersonalizationRequest(string userKey)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        _userKey = userKey;
    }

    /// <summary>The user's key: an anonymous visitor id or a known account id. Empty, never null, on a default instance.</summary>
    public string UserKey => _userKey ?? string.Empty;

    /// <summary>
    /// The item keys to rank, in the caller's order (which breaks ties). Keys the catalog does not
    /// know are skipped (counted in <c>personalize.candidates.unknown</c> and logged by their number,
    /// at most once a minute) and duplicates count once, the first one winning. When none of them is in
    /// the catalog, the decision falls back (<see cref="DecisionReason.NoKnownCandidates"/>) and
    /// returns the keys themselves, in the caller's order with score 0: duplicates once, null and
    /// empty keys left out, and keys of items that have left the catalog too (while the SDK still
    /// keeps their key: see <see cref="CatalogItem"/>), since a removed item vanishes from results.
    /// </summary>
    /// <value>The default is empty: rank every available item of the catalog.</value>
    public ReadOnlyMemory<string> Candidates { get; init; }

    /// <summary>How many items to return at most.</summary>
    /// <value>
    /// Unset, the decision returns the placement's <see cref="PlacementOptions.Count"/>, else
    /// <see cref="DefaultCount"/> (10); the property itself then reads <see cref="DefaultCount"/>.
    /// </value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Count
    {
        get => _count ?? DefaultCount;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Count), value, "Count must not be negative.");
            }

            _count = value;
        }
    }

    /// <summary>
    /// Whether the decision should explain itself (<see cref="Decision.Explanation"/>): each
    /// item's signal contributions and reason, and what guardrails removed. Explaining allocates,
    /// so leave it off where every microsecond counts; the span overload of <c>Rank</c> ignores it.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool Explain { get; init; }

    /// <summary>
    /// A QA override: puts this decision in the given arm of every holdout. The decision shows it
    /// (<see cref="HoldoutAssignment.IsForced"/>) and measurement never counts it.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the unit's own arm.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a <see cref="HoldoutArm"/> (neither <see cref="HoldoutArm.Treatment"/> nor <see cref="HoldoutArm.Control"/>).</exception>
    public HoldoutArm? ForceArm
    {
        get => _forceArm;
        init
        {
            if (value is { } arm && !Enum.IsDefined(arm))
            {
                throw new ArgumentOutOfRangeException(nameof(ForceArm), arm, "ForceArm must be HoldoutArm.Treatment or HoldoutArm.Control.");
            }

            _forceArm = value;
        }
    }

    /// <summary>
    /// Decide without recording anything: for previews, prefetches and replays. The decision is
    /// the one <c>Rank</c> would make, but no showing is counted for the frequency cap, no
    /// exposure is measured or sent to a sink, and readiness does not count it. Telemetry (the
    /// decision counter, its duration and span) still does.
    /// </summary>
    /// <value>The default is <see langword="false"/>: the decision is recorded.</value>
    public bool Preview { get; init; }

    /// <summary>
    /// The surface being personalized, such as "home", "product-page" or "email": it selects the
    /// placement's weights, guardrails and holdout (<see cref="PersonalizationOptions.Placements"/>)
    /// and tags the metrics.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="DefaultPlacement"/>.</value>
    public string? Placement { get; init; }

    /// <summary>Whether the caller set <see cref="Count"/>, rather than leaving it to the placement.</summary>
    internal bool HasCount => _count.HasValue;

    /// <summary>What is known about the request itself: channel, device, locale, intent.</summary>
    /// <value>The default is an empty context.</value>
    public RequestContext Context { get; init; }
}
