namespace Personalize.Sdk.Extensibility;

/// <summary>
/// A configured holdout, read-only: what <see cref="IHoldoutAssigner.Holdouts"/> lists. Its settings
/// come from <see cref="HoldoutOptions"/> at start and never change while the SDK runs.
/// </summary>
public sealed class HoldoutInfo
{
    /// <summary>Creates the description of a holdout, for an assigner of your own or a test fake.</summary>
    /// <param name="name">The holdout's unique name.</param>
    /// <param name="basisPoints">The share of units in control, in basis points (1,000 is 10%).</param>
    /// <param name="bucketStart">The first bucket of the control range.</param>
    /// <param name="layer">The layer of mutually exclusive holdouts it belongs to, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The control range does not lie within the 10,000 buckets.</exception>
    public HoldoutInfo(string name, int basisPoints, int bucketStart = 0, string? layer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(bucketStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)bucketStart + basisPoints, BucketHashers.BucketCount, nameof(basisPoints));
        Name = name;
        BasisPoints = basisPoints;
        BucketStart = bucketStart;
        Layer = layer;
    }

    /// <summary>The holdout's unique name, shown on decisions and in measurement.</summary>
    public string Name { get; }

    /// <summary>The share of units in control, in basis points: 1,000 is 10%.</summary>
    public int BasisPoints { get; }

    /// <summary>The first bucket of the control range; the range is [<see cref="BucketStart"/>, <see cref="BucketStart"/> + <see cref="BasisPoints"/>).</summary>
    public int BucketStart { get; }

    /// <summary>The layer of mutually exclusive holdouts it belongs to, or null.</summary>
    public string? Layer { get; }
}
