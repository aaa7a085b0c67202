using Microsoft.Extensions.Logging;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// The deterministic assigner: bucket = hasher(salt, unit); control when the bucket is in the
/// holdout's range. Raising a holdout's basis points only widens its range, so units only move
/// from treatment into control, never the other way, and nobody else moves. A hasher that throws
/// or returns a bucket outside [0, 10000) never fails the caller: the unit gets
/// <see cref="UnmeasuredBucket"/> in treatment (not measured in that holdout), counted and logged.
/// </summary>
/// <param name="holdouts">The holdouts, copied at start.</param>
/// <param name="metrics">Where hasher faults are counted, or null (tests that build an assigner alone).</param>
/// <param name="logger">Where hasher faults are logged, at most once a minute per hasher type, or null.</param>
/// <param name="timeProvider">The clock of that throttle; the system clock when null.</param>
internal sealed class HoldoutAssigner(IEnumerable<HoldoutOptions> holdouts, PersonalizationMetrics? metrics = null, ILogger? logger = null, TimeProvider? timeProvider = null) : IHoldoutAssigner
{
    /// <summary>
    /// The bucket of an assignment whose hasher threw or returned a bucket outside [0, 10000): the
    /// unit is in treatment (or the forced arm) and is not measured in that holdout.
    /// </summary>
    public const int UnmeasuredBucket = -1;

    private static readonly TimeSpan FaultLogInterval = TimeSpan.FromMinutes(1);

    // The caller hands over options nobody else holds (copied at start), so they never change here.
    private readonly HoldoutOptions[] _holdouts = [.. holdouts];
    // Read-only to callers: a cast to IList cannot replace one, which measurement finds by name.
    private readonly System.Collections.ObjectModel.ReadOnlyCollection<HoldoutInfo> _infos =
        Array.AsReadOnly<HoldoutInfo>([.. holdouts.Select(h => new HoldoutInfo(h.Name, h.BasisPoints, h.BucketStart, h.Layer))]);

    // Each holdout's scheme, read once: two hashers with one name are one scheme (HasherScheme).
    private readonly string[] _schemes = [.. holdouts.Select(h => h.Hasher.Name)];

    // The default scheme's salt part, encoded once per holdout (null for other schemes).
    private readonly byte[]?[] _saltPrefixes = [.. holdouts.Select(h => ReferenceEquals(h.Hasher, PersonalizeV1BucketHasher.Instance) ? PersonalizeV1BucketHasher.SaltPrefix(h.Salt) : null)];

    // One throttle per hasher type, shared by the holdouts that use it.
    private readonly LogThrottle[] _faultLogs = FaultLogs(holdouts);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public IReadOnlyList<HoldoutInfo> Holdouts => _infos;

    public int Count => _holdouts.Length;

    /// <summary>
    /// The share of units the holdout's range puts in control: its width over 10,000, but for
    /// <c>growthbook-v1</c>, which gives only multiples of 10, what its outcomes in the range hold.
    /// </summary>
    /// <param name="index">The holdout's position.</param>
    public double ConfiguredControlShare(int index)
    {
        var holdout = _holdouts[index];
        return HasherScheme.IsGrowthBookV1(_schemes[index])
            ? GrowthBookV1BucketHasher.ShareOf(holdout.BucketStart, holdout.BasisPoints)
            : holdout.BasisPoints / (double)BucketHashers.BucketCount;
    }

    /// <summary>
    /// The control share expected among the units measured in the holdout. A unit another holdout
    /// puts in control is served the default, so it is never measured in this holdout's treatment
    /// arm (its control arm is not reduced): of this holdout's treatment only the share q that no other
    /// holdout puts in control is measured, and the expected share is b / (b + (1 - b) q), with b
    /// the configured share (<see cref="ConfiguredControlShare"/>). Holdouts that share a salt and
    /// a scheme (a hasher name) draw the same bucket for a unit (a layer is such a group, with disjoint ranges), so
    /// within that group what counts is the buckets their ranges cover together; groups with other
    /// salts or schemes are independent of each other:
    /// q = [share of this group's buckets in no member's range] / (1 - b) × Π other groups (1 - share of buckets in any member's range).
    /// Two holdouts with one salt that nest or overlap are then expected exactly, not as if independent.
    /// </summary>
    /// <remarks>
    /// Independence holds for every built-in hasher but <c>growthbook-v1</c>, whose buckets for
    /// different salts are correlated; start-up validation refuses growthbook-v1 holdouts with
    /// different salts (<see cref="HoldoutValidation"/>), so they never reach this formula.
    /// </remarks>
    /// <param name="index">The holdout's position.</param>
    public double ExpectedControlShare(int index)
    {
        var share = ConfiguredControlShare(index);
        if (share <= 0 || share >= 1)
        {
            return Math.Clamp(share, 0, 1);
        }

        var measured = 1.0;
        foreach (var group in Enumerable.Range(0, _holdouts.Length).GroupBy(i => (_holdouts[i].Salt, _schemes[i])))
        {
            var members = group.ToArray();
            measured *= members.Contains(index)
                ? BucketsInNoRange(members) / (1 - share)
                : BucketsInNoRange(members);
        }

        // Alone (q = 1) the configured share exactly; every treatment unit held elsewhere (q = 0): all control.
        return measured >= 1 ? share : measured <= 0 ? 1 : share / (share + ((1 - share) * measured));
    }

    /// <summary>
    /// The share of units whose bucket, drawn with the members' one salt and hasher, falls in none
    /// of their control ranges. Every bucket is equally likely, but for <c>growthbook-v1</c>,
    /// whose outcomes are the multiples of 10.
    /// </summary>
    private double BucketsInNoRange(int[] members)
    {
        var covered = new bool[BucketHashers.BucketCount];
        foreach (var member in members)
        {
            var holdout = _holdouts[member];
            covered.AsSpan(holdout.BucketStart, Math.Min(holdout.BasisPoints, BucketHashers.BucketCount - holdout.BucketStart)).Fill(true);
        }

        var coarse = HasherScheme.IsGrowthBookV1(_schemes[members[0]]);
        var step = coarse ? GrowthBookV1BucketHasher.Step : 1;
        var free = 0;
        for (var bucket = 0; bucket < covered.Length; bucket += step)
        {
            free += covered[bucket] ? 0 : 1;
        }

        return free / (double)(BucketHashers.BucketCount / step);
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
            bucket = BucketOf(index, unitKey);
            if (bucket == UnmeasuredBucket)
            {
                return new HoldoutAssignment(options.Name, forced ?? HoldoutArm.Treatment, UnmeasuredBucket, forced is not null);
            }
        }

        // Subtracted, not added: BucketStart + BasisPoints could overflow for a range never validated.
        var arm = bucket >= options.BucketStart && bucket - options.BucketStart < options.BasisPoints ? HoldoutArm.Control : HoldoutArm.Treatment;
        return new HoldoutAssignment(options.Name, forced ?? arm, bucket, forced is not null);
    }

    private static LogThrottle[] FaultLogs(IEnumerable<HoldoutOptions> holdouts)
    {
        var byType = new Dictionary<Type, LogThrottle>();
        return [.. holdouts.Select(h => h.Hasher.GetType()).Select(type => byType.TryGetValue(type, out var log) ? log : byType[type] = new LogThrottle(FaultLogInterval))];
    }

    /// <summary>The hasher's bucket, or <see cref="UnmeasuredBucket"/> when it threw or left [0, 10000) (counted and logged).</summary>
    private int BucketOf(int index, ReadOnlySpan<char> unitKey)
    {
        var options = _holdouts[index];
        int bucket;
        try
        {
            bucket = options.Hasher.GetBucket(options.Salt, unitKey);
        }
        catch (Exception exception)
        {
            HasherFaulted(index, "exception", "threw " + exception.GetType().Name);
            return UnmeasuredBucket;
        }

        if ((uint)bucket >= BucketHashers.BucketCount)
        {
            HasherFaulted(index, "out_of_range", "returned a bucket outside [0, 10000)");
            return UnmeasuredBucket;
        }

        return bucket;
    }

    private void HasherFaulted(int index, string reason, string failure)
    {
        var options = _holdouts[index];
        metrics?.BucketHasherFaulted(options.Name, reason);
        if (logger is not null && _faultLogs[index].ShouldLog(_time.GetUtcNow().UtcTicks))
        {
            Log.BucketHasherFaulted(logger, options.Hasher.GetType().Name, options.Name, failure);
        }
    }

    /// <summary>
    /// Assigns the unit to every holdout, into <paramref name="assignments"/>, and returns the one a
    /// decision carries: the holdout that puts the unit in control, else the one at
    /// <paramref name="preferred"/>. When several put it in control, the one at
    /// <paramref name="preferred"/> if it does, else the first in configuration order. Null when no
    /// holdout is configured.
    /// </summary>
    /// <param name="unitKey">The unit.</param>
    /// <param name="forced">The arm forced for every holdout, or null.</param>
    /// <param name="assignments">Where each holdout's assignment goes, by position; at least <see cref="Count"/> long.</param>
    /// <param name="preferred">The holdout carried when none puts the unit in control: the first, or a placement's own.</param>
    public HoldoutAssignment? AssignAll(ReadOnlySpan<char> unitKey, HoldoutArm? forced, Span<HoldoutAssignment> assignments, int preferred = 0)
    {
        if (_holdouts.Length == 0)
        {
            return null;
        }

        var control = -1;
        for (var i = 0; i < _holdouts.Length; i++)
        {
            assignments[i] = Assign(i, unitKey, forced);
            if (assignments[i].Arm == HoldoutArm.Control && (control < 0 || i == preferred))
            {
                control = i;
            }
        }

        return assignments[control < 0 ? preferred : control];
    }
}
