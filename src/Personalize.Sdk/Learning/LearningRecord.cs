using System.Text.Json;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Extensibility;

/// <summary>
/// One settled decision of a learning placement, as an <see cref="ILearningLogSink"/> receives it:
/// the candidate pool with each candidate's features, what each slot showed with its probability,
/// and the rewards. Enough to evaluate offline any other weighting of the signals the decision
/// computed: a signal its placement did not compute (no weight when it was made) is NaN in the
/// features, never a 0 that reads like a computed one (see <see cref="LoggedCandidate.Features"/>).
/// It holds no user key.
/// </summary>
public sealed class LearningRecord
{
    /// <summary>Creates a record, for example to test a sink or to evaluate hand-made logs.</summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="placement">The placement.</param>
    /// <param name="timestamp">When the decision was made.</param>
    /// <param name="policy">The policy that served it: <c>default</c> or <c>learned</c>.</param>
    /// <param name="policyVersion">0 for the configured weights; learned versions count from 1.</param>
    /// <param name="explorationRate">The exploration rate in force.</param>
    /// <param name="maxPerCategory">The diversity cap in force (0: none).</param>
    /// <param name="featureNames">The features' names.</param>
    /// <param name="candidates">The pool the policy chose from.</param>
    /// <param name="slots">What each slot showed.</param>
    /// <param name="learnedVersion">The version of the learned weights <paramref name="learnedSlate"/> comes from (0 before the first solve).</param>
    /// <param name="learnedSlate">What the learned weights would have shown, slot by slot, as positions in <paramref name="candidates"/>.</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="featureNames"/> or <paramref name="candidates"/> holds a null element.</exception>
    public LearningRecord(
        Guid decisionId,
        string placement,
        DateTimeOffset timestamp,
        string policy,
        int policyVersion,
        double explorationRate,
        int maxPerCategory,
        IReadOnlyList<string> featureNames,
        IReadOnlyList<LoggedCandidate> candidates,
        IReadOnlyList<LoggedSlot> slots,
        int learnedVersion,
        IReadOnlyList<int> learnedSlate)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(policy);
        ListArguments.ThrowIfNullOrHoldsNull(featureNames);
        ListArguments.ThrowIfNullOrHoldsNull(candidates);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(learnedSlate);
        DecisionId = decisionId;
        Placement = placement;
        Timestamp = timestamp;
        Policy = policy;
        PolicyVersion = policyVersion;
        ExplorationRate = explorationRate;
        MaxPerCategory = maxPerCategory;
        FeatureNames = featureNames;
        Candidates = candidates;
        Slots = slots;
        LearnedVersion = learnedVersion;
        LearnedSlate = learnedSlate;
    }

    /// <summary>The decision's id.</summary>
    public Guid DecisionId { get; }

    /// <summary>The placement.</summary>
    public string Placement { get; }

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The policy that served the decision: <c>default</c> (the configured weights) or <c>learned</c>.</summary>
    public string Policy { get; }

    /// <summary>0 for the configured weights; the learned weights' version, counting from 1.</summary>
    public int PolicyVersion { get; }

    /// <summary>The exploration rate in force.</summary>
    public double ExplorationRate { get; }

    /// <summary>The diversity cap in force: at most this many items of one category while others remain (0: none).</summary>
    public int MaxPerCategory { get; }

    /// <summary>
    /// The features' names: each signal's name, then <c>confidence*</c> and the signal's name for
    /// its value times the person's profile confidence, then <c>bias</c> (always 1). Every registered
    /// signal is named, including those the decision did not compute (their features are NaN).
    /// </summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The candidates the policy chose from: the configured mix's best, best first.</summary>
    public IReadOnlyList<LoggedCandidate> Candidates { get; }

    /// <summary>What each slot showed, in order.</summary>
    public IReadOnlyList<LoggedSlot> Slots { get; }

    /// <summary>The version of the learned weights <see cref="LearnedSlate"/> comes from: those in force when the decision settled, before it was learned from (0 before the first solve).</summary>
    public int LearnedVersion { get; }

    /// <summary>
    /// What the learned weights would have shown, slot by slot, without exploring, as positions in
    /// <see cref="Candidates"/>: in apprentice mode, while the configured weights serve, what the
    /// learner would have done.
    /// </summary>
    public IReadOnlyList<int> LearnedSlate { get; }

    /// <summary>The record as one line of JSON (camelCase), for a log file with a record per line.</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, LearningJsonContext.Default.LearningRecord);
}
