using System.IO.Hashing;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// The published vectors. Expected numbers were computed by the vendors' own packages and by the C xxHash
/// library, not by this code: @growthbook/growthbook 1.8.0, @optimizely/optimizely-sdk 6.6.1 (+ murmurhash 2.0.1),
/// libxxhash 0.8.1. See <see cref="PublishedVectors"/> and VECTORS.md.
/// </summary>
public sealed class PublishedVectorTests
{
    [Fact]
    public void There_are_enough_vectors()
    {
        Assert.True(PublishedVectors.All.Count >= 12);
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void Default_matches_published_vector(string id)
    {
        PublishedVector v = PublishedVectors.All[id];
        Assert.Equal(v.PersonalizeV1, BucketHashers.Default.GetBucket(v.Salt, v.UnitKey));
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void Default_hand_written_bytes_give_published_hash_and_bucket(string id)
    {
        PublishedVector v = PublishedVectors.All[id];
        byte[] bytes = v.PersonalizeV1Hex is { } hex ? Convert.FromHexString(hex) : HandBuiltLongVectorBytes();

        ulong h = XxHash3.HashToUInt64(bytes, seed: 0);

        // System.IO.Hashing agrees with the C library on the bytes ...
        Assert.Equal(v.PersonalizeV1Xxh3, h);
        // ... and the documented reduction of that hash is the published bucket.
        Assert.Equal(v.PersonalizeV1, (int)(((UInt128)h * 10000) >> 64));
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void GrowthBookV1_matches_published_vector(string id)
    {
        PublishedVector v = PublishedVectors.All[id];
        Assert.Equal(v.GrowthBookV1, BucketHashers.GrowthBookV1.GetBucket(v.Salt, v.UnitKey));
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void GrowthBookV2_matches_published_vector(string id)
    {
        PublishedVector v = PublishedVectors.All[id];
        Assert.Equal(v.GrowthBookV2, BucketHashers.GrowthBookV2.GetBucket(v.Salt, v.UnitKey));
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void Optimizely_matches_published_vector(string id)
    {
        PublishedVector v = PublishedVectors.All[id];
        Assert.Equal(v.Optimizely, BucketHashers.Optimizely.GetBucket(v.Salt, v.UnitKey));
    }

    [Theory]
    [MemberData(nameof(PublishedVectors.Ids), MemberType = typeof(PublishedVectors))]
    public void Naive_references_reproduce_published_vector(string id)
    {
        // Guards the references themselves, so the generated-input comparisons elsewhere mean something.
        PublishedVector v = PublishedVectors.All[id];
        Assert.Equal(v.PersonalizeV1, ReferenceHashers.PersonalizeV1(v.Salt, v.UnitKey));
        Assert.Equal(v.GrowthBookV1, ReferenceHashers.GrowthBookV1(v.Salt, v.UnitKey));
        Assert.Equal(v.GrowthBookV2, ReferenceHashers.GrowthBookV2(v.Salt, v.UnitKey));
        Assert.Equal(v.Optimizely, ReferenceHashers.Optimizely(v.Salt, v.UnitKey));
    }

    [Fact]
    public void Long_vector_key_is_longer_than_one_KiB()
    {
        Assert.Equal(1500, PublishedVectors.All["V09"].UnitKey.Length);
    }

    // V09: 05 00 00 00 | "exp-1" | ("0123456789" as ASCII bytes 0x30..0x39) x 150, assembled byte by byte.
    private static byte[] HandBuiltLongVectorBytes()
    {
        var bytes = new List<byte> { 0x05, 0x00, 0x00, 0x00, 0x65, 0x78, 0x70, 0x2D, 0x31 };
        for (int i = 0; i < 150; i++)
        {
            for (byte digit = 0x30; digit <= 0x39; digit++)
            {
                bytes.Add(digit);
            }
        }

        return [.. bytes];
    }
}
