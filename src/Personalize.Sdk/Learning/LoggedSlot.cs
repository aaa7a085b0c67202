namespace Personalize.Sdk.Extensibility;

/// <summary>One slot of a learning decision: which candidate it showed, with what probability, and its reward.</summary>
public readonly struct LoggedSlot : IEquatable<LoggedSlot>
{
    /// <summary>Creates a logged slot.</summary>
    /// <param name="candidate">The position of the shown item in <see cref="LearningRecord.Candidates"/>.</param>
    /// <param name="probability">The probability with which the serving policy showed it in this slot, given the slots before; in (0, 1].</param>
    /// <param name="reward">The item's reward, in [0, 1].</param>
    /// <param name="rewarded">Whether a reward arrived (else <paramref name="reward"/> is <see cref="LearningOptions.DefaultReward"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="candidate"/> is negative, <paramref name="probability"/> is not in (0, 1], or <paramref name="reward"/> is not in [0, 1].</exception>
    public LoggedSlot(int candidate, double probability, double reward, bool rewarded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidate);
        if (!(probability is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is in (0, 1].");
        }

        if (!(reward is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(reward), reward, "A reward is in [0, 1].");
        }

        Candidate = candidate;
        Probability = probability;
        Reward = reward;
        Rewarded = rewarded;
    }

    /// <summary>The position of the shown item in <see cref="LearningRecord.Candidates"/>.</summary>
    public int Candidate { get; }

    /// <summary>The probability with which the serving policy showed the item in this slot, given the slots before it.</summary>
    public double Probability { get; }

    /// <summary>The item's reward, in [0, 1]: the largest it received, else the default reward.</summary>
    public double Reward { get; }

    /// <summary>Whether a reward arrived for the item within the wait time.</summary>
    public bool Rewarded { get; }

    /// <summary>Whether two slots are equal in every property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(LoggedSlot left, LoggedSlot right) => left.Equals(right);

    /// <summary>Whether two slots differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(LoggedSlot left, LoggedSlot right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(LoggedSlot other) =>
        Candidate == other.Candidate && Probability.Equals(other.Probability) && Reward.Equals(other.Reward) && Rewarded == other.Rewarded;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LoggedSlot other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Candidate, Probability, Reward, Rewarded);
}
