namespace Personalize.Evaluation.Learning;

/// <summary>How training steps are sampled and examples collected.</summary>
/// <param name="PoolSize">The default mix's top N taken as each step's candidate pool.</param>
/// <param name="RandomNegatives">Uniform random candidates added to each step as negatives.</param>
/// <param name="MaxSteps">At most about this many sampled steps (decisions cost a full ranking each).</param>
/// <param name="StartShare">Steps are sampled from this share of the training events on (profiles are thin before).</param>
/// <param name="Seed">Seeds the sampling.</param>
/// <param name="Horizon">
/// The reward horizon H, or null for the item taken next only. With H, a step at time t for user u
/// rewards every candidate u takes at any time from t (the step's own event) to t + H inclusive
/// within the training events, as the SDK credits a tracked outcome to every decision that showed
/// the item within <c>LearningOptions.RewardWaitTime</c>; each of them outside the pool is added
/// as a <see cref="ExampleSource.PositiveOutsidePool"/>. The same steps are sampled either way.
/// </param>
/// <param name="VisitStarts">
/// Whether steps are taken only where a visit starts, as the protocol decides between visits: at
/// user u's first event of a timestamp later than u's previous event (u has history), before any
/// event of that visit is tracked; the visit's basket and everything u takes within H after are
/// the positives (a step with none is skipped). About <see cref="MaxSteps"/> of the visit starts
/// from <see cref="StartShare"/> on are sampled. Needs <see cref="Horizon"/>.
/// </param>
internal sealed record LearningSettings(int PoolSize = 32, int RandomNegatives = 32, int MaxSteps = 4000, double StartShare = 0.5, int Seed = 42, TimeSpan? Horizon = null, bool VisitStarts = false);

/// <summary>
/// The reward horizon a variant learns from: a fixed span, or the span of the period the weights are
/// scored on (<see cref="Period"/>: the protocol ranks once at the period's start and counts every
/// item taken until its end, so the reward matches what is scored).
/// </summary>
/// <param name="Fixed">The fixed span, or null for the scored period's span.</param>
/// <param name="VisitStarts">Whether its steps are taken only at visit starts (<see cref="LearningSettings.VisitStarts"/>).</param>
internal sealed record RewardHorizon(TimeSpan? Fixed, bool VisitStarts = false)
{
    /// <summary>The span of the scored period (a validation window, or the test period), from its split time to its last event.</summary>
    public static RewardHorizon Period { get; } = new((TimeSpan?)null);

    /// <summary>Seven days: the longest <c>LearningOptions.RewardWaitTime</c> the SDK allows.</summary>
    public static RewardHorizon Week { get; } = new(TimeSpan.FromDays(7));

    /// <summary>The scored period's span, with steps only at visit starts.</summary>
    public static RewardHorizon PeriodFromVisitStarts { get; } = new(null, VisitStarts: true);

    /// <summary>The horizon for a scored period of <paramref name="periodSpan"/>.</summary>
    public TimeSpan Resolve(TimeSpan periodSpan) => Fixed ?? periodSpan;

    /// <summary>How the horizon reads in a variant's name.</summary>
    public string Label => Fixed is { } span ? $"{span.TotalDays:0.#} days" : "the window";

    /// <summary>How the horizon reads in the table of horizons (the step rule added when it is not the default).</summary>
    public string Description => VisitStarts ? $"{Label}, visit starts" : Label;
}

/// <summary>One way to fit the weights from the collected examples: which examples, and the ridge.</summary>
/// <param name="Name">Its name in the tables.</param>
/// <param name="Sources">Which examples are used.</param>
/// <param name="Ridge">The ridge on the signal weights.</param>
/// <param name="PoolNegatives">Whether the pool's items the user did not take are negatives (else only its positive is used).</param>
/// <param name="WithinStep">
/// Whether features and reward are centred on their step's mean before the regression: the weights
/// then only explain which candidate of a decision was taken (a linear ranking objective), not how
/// rewards differ between decisions.
/// </param>
/// <param name="Softmax">
/// Whether to fit a conditional logit over the whole catalogue instead of the ridge: the item taken
/// next against every candidate of its decision, the catalogue's partition sum estimated from the
/// pool (each item itself) and the random negatives (each standing for its share of the rest), with
/// a Gaussian prior centred on the defaults whose strength is chosen on the last fifth of the
/// training steps (<see cref="CatalogueSoftmax"/>). <see cref="Ridge"/> is then unused.
/// </param>
/// <param name="Horizon">
/// The reward horizon the variant learns from (each item the user took within it is a positive), or
/// null for the item taken next only.
/// </param>
internal sealed record LearningVariant(string Name, IReadOnlySet<ExampleSource> Sources, double Ridge, bool PoolNegatives = true, bool WithinStep = false, bool Softmax = false, RewardHorizon? Horizon = null)
{
    /// <summary>Whether this variant learns from <paramref name="example"/>.</summary>
    public bool Uses(in RewardExample example) =>
        Sources.Contains(example.Source) && (PoolNegatives || example.Source != ExampleSource.Pool || example.Reward > 0);

    /// <summary>The variants compared on the validation windows.</summary>
    public static IReadOnlyList<LearningVariant> All { get; } =
    [
        new("pool", new HashSet<ExampleSource> { ExampleSource.Pool }, 1),
        new("pool+pos", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool }, 1),
        new("pool+pos+random", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1),
        new("pool+pos+random, ridge 1000", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1000),
        new("pos+random", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1, PoolNegatives: false),
        new("pos+random, ridge 1000", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1000, PoolNegatives: false),
        new("pool, within step", new HashSet<ExampleSource> { ExampleSource.Pool }, 1, WithinStep: true),
        new("pool+pos+random, within step", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1, WithinStep: true),
        new("pos+random, within step", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 1, PoolNegatives: false, WithinStep: true),
        new("catalogue softmax, prior at defaults", new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random }, 0, Softmax: true),
        .. Horizons(RewardHorizon.Period),
        .. Horizons(RewardHorizon.Week),
        .. VisitStartHorizons(RewardHorizon.PeriodFromVisitStarts),
    ];

    /// <summary>
    /// The variants whose steps are visit starts, ranked before the visit is tracked, rewarding its
    /// basket and what follows within the horizon (<see cref="LearningSettings.VisitStarts"/>).
    /// </summary>
    private static IEnumerable<LearningVariant> VisitStartHorizons(RewardHorizon horizon)
    {
        var all = new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random };
        yield return new($"catalogue softmax, prior at defaults, visit starts, horizon {horizon.Label}", all, 0, Softmax: true, Horizon: horizon);
        yield return new($"pool+pos+random, within step, visit starts, horizon {horizon.Label}", all, 1, WithinStep: true, Horizon: horizon);
    }

    /// <summary>The variants that learn from every item taken within <paramref name="horizon"/>.</summary>
    private static IEnumerable<LearningVariant> Horizons(RewardHorizon horizon)
    {
        var all = new HashSet<ExampleSource> { ExampleSource.Pool, ExampleSource.PositiveOutsidePool, ExampleSource.Random };
        yield return new($"pool+pos+random, horizon {horizon.Label}", all, 1, Horizon: horizon);
        yield return new($"pool+pos+random, within step, horizon {horizon.Label}", all, 1, WithinStep: true, Horizon: horizon);
        yield return new($"catalogue softmax, prior at defaults, horizon {horizon.Label}", all, 0, Softmax: true, Horizon: horizon);
    }

    /// <summary>The variant of this name.</summary>
    /// <exception cref="FormatException">No variant has that name.</exception>
    public static LearningVariant Named(string name) =>
        All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))
        ?? throw new FormatException($"'{name}' is not a learning variant (known: {string.Join("; ", All.Select(v => v.Name))}).");
}
