using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>The public surface: names, bucket count, singletons.</summary>
public sealed class BucketHashersTests
{
    [Fact]
    public void Bucket_count_is_ten_thousand()
    {
        Assert.Equal(10_000, BucketHashers.BucketCount);
    }

    [Fact]
    public void Names_are_the_documented_ones()
    {
        Assert.Equal("personalize-v1", BucketHashers.Default.Name);
        Assert.Equal("growthbook-v1", BucketHashers.GrowthBookV1.Name);
        Assert.Equal("growthbook-v2", BucketHashers.GrowthBookV2.Name);
        Assert.Equal("optimizely", BucketHashers.Optimizely.Name);
    }

    [Fact]
    public void Properties_return_the_same_instance_every_time()
    {
        Assert.Same(BucketHashers.Default, BucketHashers.Default);
        Assert.Same(BucketHashers.GrowthBookV1, BucketHashers.GrowthBookV1);
        Assert.Same(BucketHashers.GrowthBookV2, BucketHashers.GrowthBookV2);
        Assert.Same(BucketHashers.Optimizely, BucketHashers.Optimizely);
    }

    [Fact]
    public void Default_length_prefix_separates_salt_from_key()
    {
        // Without the prefix both would hash the bytes "abc".
        Assert.NotEqual(
            ReferenceHashers.PersonalizeV1("ab", "c"),
            ReferenceHashers.PersonalizeV1("a", "bc"));
        Assert.Equal(ReferenceHashers.PersonalizeV1("ab", "c"), BucketHashers.Default.GetBucket("ab", "c"));
        Assert.Equal(ReferenceHashers.PersonalizeV1("a", "bc"), BucketHashers.Default.GetBucket("a", "bc"));
    }

    [Fact]
    public void GrowthBookV1_only_returns_multiples_of_ten()
    {
        for (int i = 0; i < 2000; i++)
        {
            Assert.Equal(0, BucketHashers.GrowthBookV1.GetBucket("exp", "u" + i) % 10);
        }
    }
}
