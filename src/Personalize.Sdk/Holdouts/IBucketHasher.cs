namespace Personalize.Sdk.Extensibility;

/// <summary>
/// Maps a (salt, unit key) pair to a stable bucket in <c>[0, <see cref="BucketHashers.BucketCount"/>)</c>.
/// </summary>
/// <remarks>
/// Implementations are pure functions: the same inputs give the same bucket on every call,
/// every thread, every process and every platform, and they allocate nothing on the heap.
/// Get instances from <see cref="BucketHashers"/>.
/// <para>A custom hasher that throws, or returns a bucket outside <c>[0, 10000)</c>, never fails a
/// decision or <see cref="IPersonalizer.GetHoldoutAssignment"/>: the unit is assigned to
/// <see cref="HoldoutArm.Treatment"/> (or the arm a QA override forced) with
/// <see cref="HoldoutAssignment.Bucket"/> -1, is served as treatment, and is not measured in that
/// holdout (no exposure is recorded there nor handed to exposure sinks, so the lift report is not
/// biased towards the units the hasher fails on). Each failure is counted in
/// <c>personalize.holdout.hasher_faults</c> (tagged with the holdout and the reason,
/// <c>exception</c> or <c>out_of_range</c>) and logged as a warning naming the hasher's type and
/// the holdout, at most once a minute per hasher type, without the exception's message.</para>
/// </remarks>
public interface IBucketHasher
{
    /// <summary>
    /// Stable identifier of the hashing scheme, e.g. <c>"personalize-v1"</c>. Safe to persist in
    /// configuration; a scheme with a given name never changes its output.
    /// </summary>
    /// <remarks>
    /// The SDK tells schemes apart by this name alone (ordinal), never by instance or type: two
    /// hashers with one name are one scheme, expected to give the same bucket for a salt and a unit
    /// (holdouts in one layer share a scheme; holdouts with one salt and scheme are expected to
    /// nest or overlap as configured, the others to be independent). Give a different scheme its
    /// own name, never a built-in one: an empty name fails at start, and so does a built-in scheme's
    /// name on a hasher that draws other buckets than that scheme on a few hundred probe keys (a
    /// wrapper that delegates to the built-in may keep its name).
    /// </remarks>
    string Name { get; }

    /// <summary>
    /// Computes the bucket of <paramref name="unitKey"/> under <paramref name="salt"/>.
    /// </summary>
    /// <param name="salt">Per-holdout salt (for vendor schemes: the experiment seed or id). May be empty.</param>
    /// <param name="unitKey">The randomization unit, e.g. a user id. May be empty at this level.</param>
    /// <returns>A bucket in <c>[0, 10000)</c>; any other value is treated as a failure (see the remarks).</returns>
    int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey);
}
