namespace Personalize.Sdk.Reporting;

/// <summary>One version of a placement's learned weights.</summary>
public sealed class LearnedWeights
{
    /// <summary>Creates a version.</summary>
    /// <param name="version">The version, from 1.</param>
    /// <param name="at">When it was solved.</param>
    /// <param name="observations">How many shown items it was learned from, every server's included.</param>
    /// <param name="weights">Each signal's weight at full profile confidence.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    public LearnedWeights(int version, DateTimeOffset at, long observations, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Version = version;
        At = at;
        Observations = observations;
        Weights = weights;
    }

    /// <summary>The version, from 1.</summary>
    public int Version { get; }

    /// <summary>When it was solved.</summary>
    public DateTimeOffset At { get; }

    /// <summary>How many shown items (settled slots) it was learned from, every server's included.</summary>
    public long Observations { get; }

    /// <summary>Each signal's weight at full profile confidence: its own weight plus its confidence interaction.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; }
}
