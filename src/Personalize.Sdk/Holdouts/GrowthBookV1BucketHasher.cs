using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// GrowthBook hash version 1 (<c>"growthbook-v1"</c>). GrowthBook computes
/// <c>n = (fnv1a32(value + seed) % 1000) / 1000</c>; this returns <c>n * 10000</c> computed in integers,
/// <c>(fnv1a32(unitKey + salt) % 1000) * 10</c>, so <c>bucket / 10000.0</c> is bit-for-bit GrowthBook's <c>n</c>.
/// </summary>
/// <remarks>
/// In GrowthBook's <c>hash(seed, value, version)</c> the seed is the experiment's <c>seed</c> (or its key when
/// no seed is set) and the value is the hash attribute's value; v1 hashes value first, so unit key then salt.
/// FNV-1a runs over UTF-16 code units (see <see cref="Fnv1a32"/>). Kept for compatibility with existing
/// GrowthBook experiments only: v1 has just 1000 distinct outcomes and GrowthBook calls it biased.
/// </remarks>
internal sealed class GrowthBookV1BucketHasher : IBucketHasher
{
    /// <summary>Shared instance; the type is stateless.</summary>
    internal static readonly GrowthBookV1BucketHasher Instance = new();

    private GrowthBookV1BucketHasher()
    {
    }

    /// <inheritdoc />
    public string Name => "growthbook-v1";

    /// <inheritdoc />
    public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey)
    {
        uint h = Fnv1a32.Hash(unitKey, salt);
        return (int)(h % Outcomes) * Step;
    }

    /// <summary>
    /// The share of units whose bucket falls in [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="width"/>): the multiples of <see cref="Step"/> in it over <see cref="Outcomes"/>
    /// (5 buckets from 0 hold one outcome: 0.1%, not 0.05%).
    /// </summary>
    /// <param name="start">The range's first bucket.</param>
    /// <param name="width">How many buckets it spans.</param>
    internal static double ShareOf(int start, int width)
    {
        static int OutcomesBelow(int bucket) => (bucket + Step - 1) / Step;
        return (OutcomesBelow(start + width) - OutcomesBelow(start)) / (double)Outcomes;
    }

    private const int Outcomes = 1000;

    /// <summary>The buckets between two outcomes: only multiples of it are ever drawn.</summary>
    internal const int Step = BucketHashers.BucketCount / Outcomes;
}
