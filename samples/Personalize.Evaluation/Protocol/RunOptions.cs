using Personalize.Evaluation.Data;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Protocol;

/// <summary>What one evaluation run includes.</summary>
/// <param name="Seed">Seeds the first random row and the candidate (tie-break) order.</param>
/// <param name="Neighbours">Item-kNN's neighbours per item for every data set, or null for each data set's tuned value (<see cref="BaselineDefaults"/>).</param>
/// <param name="Ablation">Whether to add the SDK with each built-in signal alone, and with every option at its default.</param>
/// <param name="Prequential">Whether to run the prequential walk.</param>
/// <param name="Buckets">The prequential walk's equal-count time buckets.</param>
/// <param name="Validation">0 to evaluate on the test split; k to evaluate on validation window k of the training period instead (see <see cref="EvaluationProtocol.ValidationSplit"/>), which never reads the test period.</param>
/// <param name="ExtraSdk">One more SDK row with other settings (the <c>--sdk-*</c> options), or null; it also gets a live prequential walk.</param>
/// <param name="RandomSeeds">How many random rows, seeded <paramref name="Seed"/>, <paramref name="Seed"/> + 1, ...</param>
internal sealed record RunOptions(
    int Seed = 42,
    int? Neighbours = null,
    bool Ablation = true,
    bool Prequential = true,
    int Buckets = PrequentialEvaluator.DefaultBuckets,
    int Validation = 0,
    SdkConfiguration? ExtraSdk = null,
    int RandomSeeds = RunOptions.DefaultRandomSeeds)
{
    /// <summary>The default number of random rows.</summary>
    public const int DefaultRandomSeeds = 5;

    /// <summary>
    /// Whether validation windows are cut from the training period filtered alone
    /// (<see cref="TemporalSplit.TrainingPeriodAlone"/>) instead of the protocol's training rows,
    /// whose 5-interaction filters also counted the test period (<c>--strict-validation</c>).
    /// </summary>
    public bool StrictValidation { get; init; }

    /// <summary>What <c>--tune</c> measures a configuration against (<c>--tune-target</c>).</summary>
    public TuningTarget TuneTarget { get; init; }

    /// <summary>
    /// The experimental EASE-signal rows (<see cref="EaseSignalVariant"/>), one SDK row each; none by
    /// default. Only the console entry point fills it, from <see cref="EaseSignalVariant.EnvironmentVariable"/>,
    /// so a run built in code never depends on the process environment.
    /// </summary>
    public IReadOnlyList<EaseSignalVariant> EaseSignals { get; init; } = NoEaseSignals;

    /// <summary>The rows validation windows are cut from: the training rows, or with <see cref="StrictValidation"/> the training period filtered alone.</summary>
    public IReadOnlyList<Interaction> ValidationRows(TemporalSplit full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return StrictValidation ? full.TrainingPeriodAlone : full.Train;
    }

    /// <summary>The baselines' hyperparameters on <paramref name="dataset"/>: its tuned ones, with <see cref="Neighbours"/> when given.</summary>
    public BaselineSettings BaselinesFor(string dataset) =>
        BaselineDefaults.For(dataset) is var tuned && Neighbours is { } k ? tuned with { Neighbours = k, NeighboursGiven = true } : tuned;

    // One shared empty list, so that options without EASE rows compare equal.
    private static readonly EaseSignalVariant[] NoEaseSignals = [];

    /// <summary>The random rows' seeds.</summary>
    public IEnumerable<int> RandomSeedValues() => Enumerable.Range(0, RandomSeeds).Select(i => unchecked(Seed + i));
}
