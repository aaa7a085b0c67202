namespace Personalize.Sdk.Extensibility;

/// <summary>Assigns units to the configured holdouts, deterministically: same unit, same arm, in every process and release.</summary>
public interface IHoldoutAssigner
{
    /// <summary>The configured holdouts, in the order they were configured; read-only, as they were at start.</summary>
    IReadOnlyList<HoldoutInfo> Holdouts { get; }

    /// <summary>Assigns a unit to one holdout. Pure and allocation-free.</summary>
    /// <param name="holdout">The holdout's name.</param>
    /// <param name="unitKey">The unit, usually the user key.</param>
    /// <returns>The unit's arm and bucket; when the holdout's hasher throws or returns a bucket outside [0, 10000), treatment with bucket -1 (see <see cref="IBucketHasher"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="unitKey"/> is empty or only white space, or no holdout has that name.</exception>
    HoldoutAssignment Assign(string holdout, ReadOnlySpan<char> unitKey);
}
