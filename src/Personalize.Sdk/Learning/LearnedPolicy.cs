namespace Personalize.Sdk.Learning;

/// <summary>One solved version of a placement's learned weights, immutable: decisions read it without a lock.</summary>
internal sealed class LearnedPolicy(int version, double[] theta, DateTimeOffset at, long observations)
{
    /// <summary>Before the first solve: every weight 0, so every candidate ties and the pool's order (the configured mix) decides.</summary>
    public static LearnedPolicy None(int dimensions) => new(0, new double[dimensions], DateTimeOffset.MinValue, 0);

    public int Version { get; } = version;

    /// <summary>The weights over <see cref="LearningFeatures"/>: signals, confidence interactions, bias.</summary>
    public double[] Theta { get; } = theta;

    public DateTimeOffset At { get; } = at;

    public long Observations { get; } = observations;
}
