using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Inputs on both sides of the stackalloc threshold (and far past it) give the reference result, so the
/// stack path and the <c>ArrayPool</c> path compute the same function.
/// </summary>
public sealed class BufferPathTests
{
    private const string Salt = "exp-1";

    // Worst-case sizes as the hashers compute them.
    private static long DefaultMaxBytes(int keyLength) =>
        PersonalizeV1BucketHasher.PrefixLength + Utf8Scratch.MaxByteCount(Salt.Length) + Utf8Scratch.MaxByteCount(keyLength);

    private static long OptimizelyMaxBytes(int keyLength) => Utf8Scratch.MaxByteCount(Salt.Length + keyLength);

    public static TheoryData<string, string> Cases()
    {
        // Key lengths straddling the threshold for each hasher, plus large ones.
        int defaultEdge = LastStackLength(DefaultMaxBytes);
        int optimizelyEdge = LastStackLength(OptimizelyMaxBytes);
        int[] lengths = [.. new[] { 0, 1, defaultEdge - 1, defaultEdge, defaultEdge + 1, optimizelyEdge - 1, optimizelyEdge, optimizelyEdge + 1, 1_000, 5_000, 70_000 }.Distinct()];

        var data = new TheoryData<string, string>();
        foreach (string name in Hashers.All.Select(h => h.Name))
        {
            foreach (int length in lengths)
            {
                foreach (string unit in new[] { "a", "\u00EB", "\u6771", "\uD83D\uDC69" })
                {
                    data.Add(name, $"{unit}:{length}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stack_and_pooled_paths_agree_with_reference(string name, string spec)
    {
        string key = BuildKey(spec);
        Assert.Equal(ReferenceHashers.For(name)(Salt, key), Hashers.ByName(name).GetBucket(Salt, key));
    }

    [Fact]
    public void Chosen_lengths_really_straddle_the_threshold()
    {
        int d = LastStackLength(DefaultMaxBytes);
        Assert.True(DefaultMaxBytes(d) < Utf8Scratch.StackallocThreshold);
        Assert.True(DefaultMaxBytes(d + 1) >= Utf8Scratch.StackallocThreshold);

        int o = LastStackLength(OptimizelyMaxBytes);
        Assert.True(OptimizelyMaxBytes(o) < Utf8Scratch.StackallocThreshold);
        Assert.True(OptimizelyMaxBytes(o + 1) >= Utf8Scratch.StackallocThreshold);
    }

    [Fact]
    public void Pooled_path_result_does_not_depend_on_leftover_pool_contents()
    {
        // Fill the pool's buffers with junk, then hash: only the written prefix may be hashed.
        for (int i = 0; i < 4; i++)
        {
            byte[] junk = System.Buffers.ArrayPool<byte>.Shared.Rent(8_192);
            junk.AsSpan().Fill(0xAB);
            System.Buffers.ArrayPool<byte>.Shared.Return(junk);
        }

        string key = new('k', 2_000);
        Assert.Equal(ReferenceHashers.PersonalizeV1(Salt, key), BucketHashers.Default.GetBucket(Salt, key));
        Assert.Equal(ReferenceHashers.Optimizely(Salt, key), BucketHashers.Optimizely.GetBucket(Salt, key));
    }

    // "unit:n" -> unit repeated until the key has n UTF-16 code units (a surrogate pair is cut in half if n is odd).
    private static string BuildKey(string spec)
    {
        int colon = spec.LastIndexOf(':');
        string unit = spec[..colon];
        int length = int.Parse(spec[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var builder = new System.Text.StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }

    private static int LastStackLength(Func<int, long> maxBytes)
    {
        int length = 0;
        while (maxBytes(length + 1) < Utf8Scratch.StackallocThreshold)
        {
            length++;
        }

        return length;
    }

    [Theory]
    [MemberData(nameof(HasherNames))]
    public void A_long_unit_key_is_not_left_behind_in_the_shared_array_pool(string name)
    {
        // Past the stack threshold the key's bytes go through a pooled array: the next renter on
        // this thread (the pool's per-thread slot gives it the same array) must not read them.
        var unitKey = new string('q', 2_000);
        Hashers.ByName(name).GetBucket(Salt, unitKey);

        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent((int)DefaultMaxBytes(unitKey.Length));
        try
        {
            Assert.True(rented.AsSpan().IndexOf("qqqqqqqqqqqqqqqq"u8) < 0, "a pooled array still holds the unit key");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static TheoryData<string> HasherNames => Hashers.Names;
}
