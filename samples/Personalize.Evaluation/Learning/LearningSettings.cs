namespace Personalize.Evaluation.Learning;

/// <summary>How training steps are sampled and examples collected.</summary>
/// <param name="PoolSize">The default mix's top N taken as each step's candidate pool.</param>
/// <param name="RandomNegatives">Uniform random candidates added to each step as negatives.</param>
/// <param name="MaxSteps">At most about this many sampled steps (decisions cost a full ranking each).</param>
/// <param name="StartShare">Steps are sampled from this share of the training events on (profiles are thin before).</param>
/// <param name="Seed">Seeds the sampling.</param>
internal sealed record LearningSettings(int PoolSize = 32, int RandomNegatives = 32, int MaxSteps = 4000, double StartShare = 0.5, int Seed = 42);

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
internal sealed record LearningVariant(string Name, IReadOnlySet<ExampleSource> Sources, double Ridge, bool PoolNegatives = true, bool WithinStep = false, bool Softmax = false)
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
    ];

    /// <summary>The variant of this name.</summary>
    /// <exception cref="FormatException">No variant has that name.</exception>
    public static LearningVariant Named(string name) =>
        All.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))
        ?? throw new FormatException($"'{name}' is not a learning variant (known: {string.Join("; ", All.Select(v => v.Name))}).");
}
