using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Reporting;

/// <summary>What one placement has learned, which policy serves it, and how each policy did.</summary>
public sealed class PlacementLearning
{
    /// <summary>Creates a placement's learning state, for example in a test fake of <see cref="ILearningReporter"/>.</summary>
    /// <param name="placement">The placement.</param>
    /// <param name="mode">Its learning mode.</param>
    /// <param name="serving">The policy serving it now: <c>default</c> or <c>learned</c>.</param>
    /// <param name="policyVersion">The learned weights' version (0: none solved yet).</param>
    /// <param name="decisions">Decisions logged for learning on this server.</param>
    /// <param name="settledDecisions">Of those, how many were settled.</param>
    /// <param name="rewardedDecisions">Of those, how many received at least one reward.</param>
    /// <param name="weights">Each signal's learned weight at full profile confidence; empty before the first solve.</param>
    /// <param name="importance">The signals, most important first.</param>
    /// <param name="history">Every version solved, oldest first (the last 100).</param>
    /// <param name="online">The mean reward per decision of each policy (see <see cref="Online"/>).</param>
    /// <param name="evaluation">The last evaluation the takeover rule read, or null.</param>
    /// <exception cref="ArgumentNullException">A reference argument other than <paramref name="evaluation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="importance"/> or <paramref name="history"/> holds a null element.</exception>
    public PlacementLearning(
        string placement,
        LearningMode mode,
        string serving,
        int policyVersion,
        long decisions,
        long settledDecisions,
        long rewardedDecisions,
        IReadOnlyDictionary<string, double> weights,
        IReadOnlyList<string> importance,
        IReadOnlyList<LearnedWeights> history,
        IReadOnlyList<OnlineReward> online,
        PolicyEvaluation? evaluation)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentNullException.ThrowIfNull(weights);
        ListArguments.ThrowIfNullOrHoldsNull(importance);
        ListArguments.ThrowIfNullOrHoldsNull(history);
        ArgumentNullException.ThrowIfNull(online);
        Placement = placement;
        Mode = mode;
        Serving = serving;
        PolicyVersion = policyVersion;
        Decisions = decisions;
        SettledDecisions = settledDecisions;
        RewardedDecisions = rewardedDecisions;
        Weights = weights;
        Importance = importance;
        History = history;
        Online = online;
        Evaluation = evaluation;
    }

    /// <summary>The placement.</summary>
    public string Placement { get; }

    /// <summary>Its learning mode.</summary>
    public LearningMode Mode { get; }

    /// <summary>The policy serving it now: <c>default</c> (the configured weights) or <c>learned</c>.</summary>
    public string Serving { get; }

    /// <summary>The learned weights' version; 0 before the first solve.</summary>
    public int PolicyVersion { get; }

    /// <summary>Decisions logged for learning on this server (personalized and cold-start ones, explored or not, and control ones).</summary>
    public long Decisions { get; }

    /// <summary>Of those, how many were settled (their wait time passed).</summary>
    public long SettledDecisions { get; }

    /// <summary>Of the settled ones, how many received at least one reward.</summary>
    public long RewardedDecisions { get; }

    /// <summary>Each signal's learned weight at full profile confidence (its own plus its confidence interaction); empty before the first solve.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; }

    /// <summary>
    /// The signals, most important first: by the absolute learned weight times the signal's spread
    /// over the candidates it scored, the share of predicted reward it moves (as Azure
    /// Personalizer's feature importance); empty before the first solve.
    /// </summary>
    public IReadOnlyList<string> Importance { get; }

    /// <summary>Every version of the learned weights, oldest first (at most the last 100).</summary>
    public IReadOnlyList<LearnedWeights> History { get; }

    /// <summary>
    /// The mean reward per decision of each policy, <c>default</c>, <c>learned</c> and <c>control</c>,
    /// always all three: one that served no settled decision has <see cref="OnlineReward.Decisions"/>
    /// 0 and a NaN mean and interval.
    /// </summary>
    public IReadOnlyList<OnlineReward> Online { get; }

    /// <summary>The last counterfactual evaluation at <see cref="LearningOptions.TakeoverConfidence"/>, the one the hand-back rule reads (an apprentice's looks read their own, stricter ones); null before the first.</summary>
    public PolicyEvaluation? Evaluation { get; }
}
