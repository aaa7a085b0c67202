using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// Generated inputs: every hasher stays in [0, 10000) and agrees with its naive reference implementation.
/// </summary>
public sealed class RangeAndEquivalenceTests
{
    [Theory]
    [AutoData]
    public void Every_hasher_returns_a_bucket_in_range(string salt, string unitKey)
    {
        foreach (var hasher in Hashers.All)
        {
            int bucket = hasher.GetBucket(salt, unitKey);
            Assert.InRange(bucket, 0, 9_999);
        }
    }

    [Theory]
    [AutoData]
    public void Every_hasher_stays_in_range_for_many_generated_strings(Generator<string> strings)
    {
        foreach (string s in strings.Take(2_000))
        {
            foreach (var hasher in Hashers.All)
            {
                Assert.InRange(hasher.GetBucket(s, s.AsSpan(0, s.Length / 2)), 0, 9_999);
                Assert.InRange(hasher.GetBucket(s.AsSpan(0, s.Length / 3), s), 0, 9_999);
            }
        }
    }

    [Theory]
    [AutoData]
    public void Every_hasher_stays_in_range_for_arbitrary_utf16(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < 2_000; i++)
        {
            string salt = RandomText.Next(random, random.Next(0, 40));
            string key = RandomText.Next(random, random.Next(0, 300));
            foreach (var hasher in Hashers.All)
            {
                int bucket = hasher.GetBucket(salt, key);
                Assert.True(bucket is >= 0 and < 10_000, $"{hasher.Name} gave {bucket} (seed {seed}, case {i})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void Matches_naive_reference_on_autofixture_strings(string name)
    {
        var fixture = new Fixture();
        var hasher = Hashers.ByName(name);
        var reference = ReferenceHashers.For(name);
        foreach (string salt in fixture.CreateMany<string>(20))
        {
            foreach (string key in fixture.CreateMany<string>(50))
            {
                Assert.Equal(reference(salt, key), hasher.GetBucket(salt, key));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Hashers.Names), MemberType = typeof(Hashers))]
    public void Matches_naive_reference_on_arbitrary_utf16(string name)
    {
        int seed = new Fixture().Create<int>();
        var random = new Random(seed);
        var hasher = Hashers.ByName(name);
        var reference = ReferenceHashers.For(name);
        for (int i = 0; i < 3_000; i++)
        {
            string salt = RandomText.Next(random, random.Next(0, 40));
            string key = RandomText.Next(random, random.Next(0, 400));
            Assert.True(
                reference(salt, key) == hasher.GetBucket(salt, key),
                $"{name} disagrees with its reference (seed {seed}, case {i})");
        }
    }

    [Fact]
    public void Optimizely_joins_a_surrogate_pair_split_between_key_and_salt()
    {
        // "ab\uD83D" + "\uDE00x" is "ab😀x": one 4-byte code point, not two U+FFFD.
        Assert.Equal(
            ReferenceHashers.Optimizely(salt: "\uDE00x", unitKey: "ab\uD83D"),
            BucketHashers.Optimizely.GetBucket("\uDE00x", "ab\uD83D"));
        Assert.Equal(
            ReferenceHashers.Optimizely(salt: "x", unitKey: "ab\uD83D\uDE00"),
            BucketHashers.Optimizely.GetBucket("\uDE00x", "ab\uD83D"));
    }
}
