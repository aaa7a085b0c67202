using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// The deterministic assigner: bucket = hasher(salt, unit); control when the bucket is in the
/// holdout's range. Raising a holdout's basis points only widens its range, so units only move
/// from treatment into control, never the other way, and nobody else moves.
/// </summary>
internal sealed class HoldoutAssigner(IEnumerable<HoldoutOptions> holdouts) : IHoldoutAssigner
{
    // The caller hands over options nobody else holds (copied at start), so they never change here.
    private readonly HoldoutOptions[] _holdouts = [.. holdouts];
    private readonly HoldoutInfo[] _infos = [.. holdouts.Select(h => new HoldoutInfo(h.Name, h.BasisPoints, h.BucketStart, h.Layer))];

    // The default scheme's salt part, encoded once per holdout (null for other schemes).
    private readonly byte[]?[] _saltPrefixes = [.. holdouts.Select(h => ReferenceEquals(h.Hasher, PersonalizeV1BucketHasher.Instance) ? PersonalizeV1BucketHasher.SaltPrefix(h.Salt) : null)];

    public IReadOnlyList<HoldoutInfo> Holdouts => _infos;

    public int Count => _holdouts.Length;

    /// <summary>
    /// The share of units the holdout's range puts in control: its width over 10,000, but for
    /// <c>growthbook-v1</c>, which gives only multiples of 10, what its outcomes in the range hold.
    /// </summary>
    /// <param name="index">The holdout's position.</param>
    public double ExpectedControlShare(int index)
    {
        var holdout = _holdouts[index];
        return ReferenceEquals(holdout.Hasher, GrowthBookV1BucketHasher.Instance)
            ? GrowthBookV1BucketHasher.ShareOf(holdout.BucketStart, holdout.BasisPoints)
            : holdout.BasisPoints / (double)BucketHashers.BucketCount;
    }

    public HoldoutAssignment Assign(string holdout, ReadOnlySpan<char> unitKey)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        if (unitKey.IsWhiteSpace())
        {
            throw new ArgumentException("The unit key must not be empty or only white space.", nameof(unitKey));
        }

        for (var index = 0; index < _holdouts.Length; index++)
        {
            if (string.Equals(_holdouts[index].Name, holdout, StringComparison.Ordinal))
            {
                return Assign(index, unitKey, forced: null);
            }
        }

        throw new ArgumentException($"No holdout is named '{holdout}'.", nameof(holdout));
    }

    /// <summary>
    /// Assigns by position; <paramref name="forced"/> overrides the arm (the bucket is still
    /// computed). The decision path calls it with keys its public boundary already checked.
    /// </summary>
    public HoldoutAssignment Assign(int index, ReadOnlySpan<char> unitKey, HoldoutArm? forced)
    {
        var options = _holdouts[index];
        if (_saltPrefixes[index] is not { } saltPrefix || !PersonalizeV1BucketHasher.TryGetBucket(saltPrefix, unitKey, out var bucket))
        {
            bucket = options.Hasher.GetBucket(options.Salt, unitKey);
        }

        var arm = bucket >= options.BucketStart && bucket < options.BucketStart + options.BasisPoints ? HoldoutArm.Control : HoldoutArm.Treatment;
        return new HoldoutAssignment(options.Name, forced ?? arm, bucket, forced is not null);
    }

    /// <summary>
    /// Assigns the unit to every holdout, into <paramref name="assignments"/>, and returns the one a
    /// decision carries: the first holdout that puts the unit in control, else the first holdout.
    /// Null when no holdout is configured.
    /// </summary>
    public HoldoutAssignment? AssignAll(ReadOnlySpan<char> unitKey, HoldoutArm? forced, Span<HoldoutAssignment> assignments)
    {
        HoldoutAssignment? carried = null;
        for (var i = 0; i < _holdouts.Length; i++)
        {
            assignments[i] = Assign(i, unitKey, forced);
            if (carried is null || (carried.Value.Arm != HoldoutArm.Control && assignments[i].Arm == HoldoutArm.Control))
            {
                carried = assignments[i];
            }
        }

        return carried;
    }
}
