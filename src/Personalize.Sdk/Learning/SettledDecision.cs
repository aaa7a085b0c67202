using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Learning;

/// <summary>A decision whose wait for rewards is over, copied out of the pending ring for the learner (off the request path).</summary>
internal sealed class SettledDecision
{
    public required Guid Id { get; init; }

    public required int Placement { get; init; }

    public required long Ticks { get; init; }

    public required ServingPolicy Policy { get; init; }

    public required int Version { get; init; }

    public required float Confidence { get; init; }

    public required int MaxPerCategory { get; init; }

    /// <summary>The catalog the decision was made on; released once its log record is written, so the evaluation window keeps no old catalog alive.</summary>
    public required CatalogSnapshot? Snapshot { get; set; }

    public required int[] Items { get; init; }

    public required int[] Categories { get; init; }

    /// <summary>The configured weights' score of each pool candidate, as the decision computed it (personalized or cold-start weights).</summary>
    public required float[] DefaultScores { get; init; }

    /// <summary>Pool × signals values.</summary>
    public required float[] Signals { get; init; }

    /// <summary>
    /// Which signals the decision computed, by signal index: those its placement weighed when it was
    /// made (a reload may weigh others since). A signal it did not compute reads 0 in <see cref="Signals"/>
    /// (what the learner takes) and NaN in its log record.
    /// </summary>
    public required bool[] Computed { get; init; }

    public required int[] Chosen { get; init; }

    public required double[] Probabilities { get; init; }

    /// <summary>Each slot's reward: the largest received, else the default reward.</summary>
    public required double[] Rewards { get; init; }

    public required bool[] Rewarded { get; init; }

    /// <summary>The learned weights' probability of the first slot's logged choice when it settled, before it was learned from (progressive validation).</summary>
    /// <remarks>Only the first slot is evaluated (the one every policy fills itself), so only it is kept.</remarks>
    public double LearnedProbability { get; set; }

    /// <summary>What the learned weights in force when it settled would have shown, slot by slot, without exploring.</summary>
    public int[] LearnedSlate { get; set; } = [];

    /// <summary>The version of those weights (0 before the first solve).</summary>
    public int LearnedVersion { get; set; }

    /// <summary>The configured weights' probability of the first slot's logged choice (what the decision's default scores give it).</summary>
    public double DefaultProbability { get; set; }

    /// <summary>The reward model's prediction for each pool candidate when it settled: the one model every estimate of this decision uses.</summary>
    public double[] PoolPredictions { get; set; } = [];

    /// <summary>The reward model's prediction for the first slot's logged choice when it settled.</summary>
    public double Predicted { get; set; }

    /// <summary>The reward model's expected reward in the first slot under the learned weights.</summary>
    public double ExpectedLearned { get; set; }

    /// <summary>The reward model's expected reward in the first slot under the configured weights.</summary>
    public double ExpectedDefault { get; set; }

    /// <summary>The reward model's expected reward in the first slot under a uniformly random choice.</summary>
    public double ExpectedRandom { get; set; }

    public bool AnyRewarded => Array.IndexOf(Rewarded, true) >= 0;

    /// <summary>The mean reward over the shown items.</summary>
    public double MeanReward => Rewards.Length == 0 ? 0 : Rewards.Average();
}
