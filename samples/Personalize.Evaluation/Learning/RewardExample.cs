namespace Personalize.Evaluation.Learning;

/// <summary>How a candidate came into one training step's set of examples.</summary>
internal enum ExampleSource
{
    /// <summary>Among the default mix's top N.</summary>
    Pool,

    /// <summary>The item the user actually took next, outside the default mix's top N.</summary>
    PositiveOutsidePool,

    /// <summary>A uniformly drawn candidate outside the pool (a negative).</summary>
    Random,
}

/// <summary>One candidate of one training step: each built-in signal's value, and whether the user took it next.</summary>
/// <param name="Values">Each signal's value, in <see cref="RewardExamples.Signals"/> order.</param>
/// <param name="Reward">1 for the item the user interacted with next, 0 otherwise.</param>
/// <param name="Source">How the candidate entered the step.</param>
/// <param name="Personalized">Whether the default decision at this step was personalized (else cold start).</param>
/// <param name="Step">The training step (one decision) the example belongs to; a step's examples are adjacent.</param>
/// <param name="StepCandidates">How many candidates the default decision ranked at this step (the whole catalogue the user could be shown).</param>
internal readonly record struct RewardExample(float[] Values, double Reward, ExampleSource Source, bool Personalized, int Step = 0, int StepCandidates = 0);

/// <summary>The examples collected from one training period.</summary>
/// <param name="Signals">The signal names, the order of every example's values.</param>
/// <param name="Examples">The examples.</param>
/// <param name="Steps">How many training steps were sampled.</param>
/// <param name="PositivesInPool">How many of those steps had the next item inside the default pool.</param>
internal sealed record RewardExamples(IReadOnlyList<string> Signals, IReadOnlyList<RewardExample> Examples, int Steps, int PositivesInPool);
