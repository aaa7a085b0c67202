using System.Globalization;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Holdouts;

/// <summary>
/// GrowthBook hash version 2 (<c>"growthbook-v2"</c>). GrowthBook computes
/// <c>n = (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000</c>; this returns
/// <c>fnv1a32(decimal(fnv1a32(salt + unitKey))) % 10000</c>, so <c>bucket / 10000.0</c> is bit-for-bit GrowthBook's <c>n</c>.
/// </summary>
/// <remarks>
/// Argument order differs from v1: v2 hashes seed first, so salt then unit key. The inner hash is
/// rendered as its unsigned decimal digits (invariant culture, no sign, no padding, e.g. "3735928559")
/// and hashed again; FNV-1a runs over UTF-16 code units (see <see cref="Fnv1a32"/>).
/// </remarks>
internal sealed class GrowthBookV2BucketHasher : IBucketHasher
{
    /// <summary>Shared instance; the type is stateless.</summary>
    internal static readonly GrowthBookV2BucketHasher Instance = new();

    // uint.MaxValue is 4294967295: ten digits.
    private const int MaxUInt32Digits = 10;

    private GrowthBookV2BucketHasher()
    {
    }

    /// <inheritdoc />
    public string Name => "growthbook-v2";

    /// <inheritdoc />
    public int GetBucket(ReadOnlySpan<char> salt, ReadOnlySpan<char> unitKey)
    {
        uint inner = Fnv1a32.Hash(salt, unitKey);

        Span<char> digits = stackalloc char[MaxUInt32Digits];
        // Cannot fail: ten chars always fit a uint.
        inner.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);

        uint outer = Fnv1a32.Hash(digits[..written]);
        return (int)(outer % BucketHashers.BucketCount);
    }
}
