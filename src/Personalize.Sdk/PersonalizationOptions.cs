using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk;

/// <summary>Settings of the personalization engine. Every setting is checked when the host starts.</summary>
/// <remarks>
/// The SDK copies these options when it starts; changing this object afterwards changes nothing.
/// A change the options monitor hears of (a configuration reload) is validated like the start and,
/// if valid, applies from the next decision to the live settings: <see cref="Weights"/>,
/// <see cref="ColdStartWeights"/>, each existing placement's <see cref="PlacementOptions.Weights"/>,
/// <see cref="PlacementOptions.ColdStartWeights"/> and <see cref="PlacementOptions.Count"/>,
/// <see cref="KillSwitch"/>, <see cref="MinConfidence"/>, <see cref="MaxCount"/> and <see cref="MaxPerCategory"/>. Every other
/// setting needs a restart (a live change to it is ignored and logged); an invalid change is rejected
/// whole and the last good settings stay. <see cref="PersonalizerBuilder"/> reads them once.
/// </remarks>
public sealed class PersonalizationOptions
{
    /// <summary>The largest number of items one decision may return.</summary>
    /// <value>The default is 100. Allowed: 1 to 10,000.</value>
    [Range(1, 10_000)]
    public int MaxCount { get; set; } = 100;

    /// <summary>
    /// Diversity: at most this many items of one category in a decision's list, as long as the
    /// best candidates include enough items of other categories; when they do not, the list is
    /// filled from the capped category after the rest (the data says the list should be one
    /// category). Uncategorised items are never capped. 0 switches the cap off. Read live.
    /// </summary>
    /// <remarks>
    /// "The best candidates" are exactly the max(4 × count, count + 32) best by score (ties in
    /// candidate order) for a list of count items; candidates ranked below them are never
    /// considered, so 40 tied items of one category ahead of 3 of another give a list of 5 (or of
    /// any count up to 8, whose 40 best are all of the first) of that one category. A placement that learns chooses from its <see cref="LearningOptions.CandidatePool"/>
    /// best instead; a fallback served in the candidates' own order is not capped.
    /// </remarks>
    /// <value>
    /// The default is 3 (chosen on the evaluation harness's validation windows: it raised
    /// intra-list diversity at no measurable cost in nDCG@10). Allowed: 0 to 10,000.
    /// </value>
    [Range(0, 10_000)]
    public int MaxPerCategory { get; set; } = 3;

    /// <summary>How fast popularity fades: an event counts half as much after this long.</summary>
    /// <value>The default is 7 days. Must be positive.</value>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How fast the <c>trending</c> signal's recent popularity fades: an event counts half as much
    /// after this long. Shorter than <see cref="PopularityHalfLife"/>, so the mix can weigh today's
    /// favourites against the week's.
    /// </summary>
    /// <value>The default is 1 day. Must be positive.</value>
    public TimeSpan TrendHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How fast a user's affinities fade: an event counts half as much after this long.</summary>
    /// <value>The default is 14 days. Must be positive.</value>
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How many profiles are kept in memory; beyond it the least recently used are evicted.</summary>
    /// <value>The default is 100,000. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int MaxProfiles { get; set; } = 100_000;

    /// <summary>How long an untouched profile is kept.</summary>
    /// <value>The default is 30 days. Must be positive.</value>
    public TimeSpan ProfileIdleExpiration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The kill switch: when true, nobody is personalized; every decision is the default
    /// experience marked <see cref="DecisionVariant.Fallback"/>, and measurement ignores it. Live:
    /// flipping it in configuration takes effect at the reload (anything <c>IOptionsMonitor</c>
    /// hears of), without a restart.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool KillSwitch { get; set; }

    /// <summary>
    /// The profile confidence (see <see cref="ProfileView.Confidence"/>) below which a user is
    /// ranked with the cold-start weights: a thin or stale profile is not trusted like a rich one.
    /// </summary>
    /// <value>The default is 0.1: one fresh event is enough; one event a month old is not. Allowed: 0 to 1.</value>
    [Range(0d, 1d)]
    public double MinConfidence { get; set; } = 0.1;

    /// <summary>The built-in guardrails' settings, and which guardrails are switched off.</summary>
    [ValidateObjectMembers]
    public GuardrailOptions Guardrails { get; } = new();

    /// <summary>How many other keys (devices, anonymous visits) may be stitched to one profile; beyond it stitching is refused.</summary>
    /// <value>The default is 16. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int MaxAliasesPerProfile { get; set; } = 16;

    /// <summary>
    /// What a user has consented to until they say otherwise with <see cref="PersonalizationEvent.ConsentGiven"/>.
    /// A stated consent that grants less than this outlives the user's profile: when the profile is
    /// evicted (idle for <see cref="ProfileIdleExpiration"/>, or trimmed past <see cref="MaxProfiles"/>)
    /// it is kept apart, under the profile's key and every other key of the user the eviction
    /// unlinks (a signed-in device, a guest key), until the user states another with the profile's key
    /// or is forgotten by it (a consent stated with an unlinked key, and its <c>Forget</c>, are that key's alone).
    /// </summary>
    /// <value>The default is <see cref="ConsentFlags.Personalization"/>.</value>
    public ConsentFlags DefaultConsent { get; set; } = ConsentFlags.Personalization;

    /// <summary>How long a new item is boosted by the freshness signal, fading linearly to nothing.</summary>
    /// <value>The default is 14 days. Must be positive.</value>
    public TimeSpan FreshnessPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The weight of each signal for a user with history, by signal name
    /// (see <see cref="BuiltInSignals"/>). A signal missing here keeps its default weight.
    /// </summary>
    /// <value>The default is empty: every signal keeps the weight it was registered with (see the README's signal table).</value>
    public IDictionary<string, float> Weights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>
    /// The weight of each signal for a user without usable history, by signal name. A signal
    /// missing here keeps the cold-start weight it was registered with (popularity leads).
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, float> ColdStartWeights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>
    /// The holdouts: stable shares of units kept on the default experience so lift can be
    /// measured. A unit in control of any holdout gets the default experience (<see cref="DecisionVariant.Control"/>).
    /// </summary>
    /// <value>The default is empty: no holdout.</value>
    /// <remarks>Read once, at start: moving units between arms while a holdout runs would corrupt its measurement, so a live change is ignored.</remarks>
    public IList<HoldoutOptions> Holdouts { get; } = [];

    /// <summary>How long after a unit's first exposure its clicks, carts and purchases count towards its holdout arm.</summary>
    /// <value>The default is 7 days. Must be positive.</value>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many units each holdout's measurement remembers; beyond it new units are served but not measured.</summary>
    /// <value>The default is 1,000,000. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int MaxMeasuredUnits { get; set; } = 1_000_000;

    /// <summary>
    /// Per-surface settings by placement name ("home", "product-page", "email"): weights,
    /// guardrails, holdout and item count. A request naming no placement (or one not listed) gets
    /// <see cref="PersonalizationRequest.DefaultPlacement"/>, which may be configured here too.
    /// </summary>
    /// <value>
    /// The default is empty: every placement uses the engine-wide settings. A null value, or a name
    /// that is empty, only white space or holds a lone surrogate, fails the start (and a reload
    /// bringing one is rejected).
    /// </value>
    public IDictionary<string, PlacementOptions> Placements { get; } = new Dictionary<string, PlacementOptions>(StringComparer.Ordinal);

    /// <summary>Whether placements learn their mix of signals from outcomes, and how (rewards, exploration, apprentice mode). Read at start.</summary>
    /// <value>See <see cref="LearningOptions"/> for each default; learning is off by default.</value>
    [ValidateObjectMembers]
    public LearningOptions Learning { get; } = new();

    /// <summary>How data readiness is judged and when placements that opt in pause themselves.</summary>
    /// <value>See <see cref="ReadinessOptions"/> for each default.</value>
    [ValidateObjectMembers]
    public ReadinessOptions Readiness { get; } = new();

    /// <summary>Items to start with, in catalog order. An item without a key, with null attributes or repeating a key fails the start's validation.</summary>
    /// <value>The default is empty.</value>
    public IList<CatalogItem> Catalog { get; } = [];

    /// <summary>
    /// A JSON catalog file (see <see cref="CatalogJson"/>) to load at start, after <see cref="Catalog"/>.
    /// A path that names no file fails the start's validation (it is looked for at start only: a file
    /// removed later fails no reload); a file that cannot be read, is malformed or repeats a key given
    /// in code is logged, counted and left out whole.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no file.</value>
    public string? CatalogPath { get; set; }
}
