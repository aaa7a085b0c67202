namespace Personalize.Sdk.Extensibility;

/// <summary>
/// Maps a (salt, unit key) pair to a stable bucket in <c>[0, <see cref="BucketHashers.BucketCount"/>)</c>.
/// </summary>
/// <remarks>
/// Implementations are pure functions: the same inputs give the same bucket on every call,
/// every thread, every process and every platform, and they allocate nothing on the heap.
/// Get instances from <see cref="BucketHashers"/>.
/// </remarks>
public interface IBucketHasher
{
    /// <summary>
    /// Stable identifier of the hashing scheme, e.g. <c>"personalize-v1"</c>. Safe to persist in
    /// configuration; a scheme with a given name never changes its output.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// Computes the bucket of <paramref name="unitKey"/> under <paramref name="salt"/>.
    /// </summary>
    /// <param name="salt">Per-holdout salt (for vendor schemes: the experiment seed or id). May be empty.</param>
    /// <param name="unitKey">The randomization unit, e.g. a user id. May be empty at this level.</param>
    /// <returns>A bucket in <c>[0, 10000)</c>.</returns>
    int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey);
}
