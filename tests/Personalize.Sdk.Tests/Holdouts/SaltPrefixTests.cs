using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// The assigner encodes the default scheme's salt once per holdout; that path must give exactly the
/// bucket of the frozen scheme for every key, on both sides of the stack threshold.
/// </summary>
public sealed class SaltPrefixTests
{
    [Theory]
    [InlineData("exp-1", "user-123")]
    [InlineData("home-holdout-2026", "user-1234567")]
    [InlineData("s\u00E4lt", "\u6771\u4EAC")]
    [InlineData("", "k")]
    public void The_precomputed_salt_gives_the_schemes_bucket(string salt, string key)
    {
        var prefix = PersonalizeV1BucketHasher.SaltPrefix(salt);

        Assert.True(PersonalizeV1BucketHasher.TryGetBucket(prefix, key, out var bucket));
        Assert.Equal(BucketHashers.Default.GetBucket(salt, key), bucket);
    }

    [Fact]
    public void A_salt_ending_in_a_high_surrogate_and_a_key_starting_with_a_low_one_stay_lone()
    {
        // Written in code: an [InlineData] row is stored as UTF-8, which turns lone surrogates into U+FFFD.
        const string salt = "salt\uD83D", key = "\uDC69-lone-surrogates";
        Assert.Equal(5, salt.Length);

        Assert.True(PersonalizeV1BucketHasher.TryGetBucket(PersonalizeV1BucketHasher.SaltPrefix(salt), key, out var bucket));
        Assert.Equal(BucketHashers.Default.GetBucket(salt, key), bucket);
    }

    [Fact]
    public void Random_keys_of_every_length_up_past_the_stack_threshold_agree()
    {
        var random = new Random(7);
        foreach (var salt in new[] { "exp-1", "\u00EB\u6771" })
        {
            var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "exp", Salt = salt, BasisPoints = 1_000 }]);
            for (var length = 0; length < 400; length += 3)
            {
                var key = RandomText.Next(random, length);
                Assert.Equal(BucketHashers.Default.GetBucket(salt, key), assigner.Assign(0, key, forced: null).Bucket);
            }
        }
    }

    [Fact]
    public void The_published_example_holds_through_the_assigner()
    {
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "exp", Salt = "exp-1", BasisPoints = 1_000 }]);

        Assert.Equal(348, assigner.Assign("exp", "user-123").Bucket);
    }
}
