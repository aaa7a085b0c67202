using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Learning;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Keys;

public sealed class RedisKeysTests
{
    private readonly RedisKeys _keys = new("shop");

    [Fact]
    public void The_layout_is_readable_and_starts_with_the_prefix()
    {
        Assert.Equal("shop:p:{alice@example.com}:profile", (string?)_keys.Profile("alice@example.com"));
        Assert.Equal("shop:p:{alice@example.com}:arms", (string?)_keys.Person("alice@example.com", "arms"));
        Assert.Equal("shop:id:{visitor-42}", (string?)_keys.Alias("visitor-42"));
        Assert.Equal("shop:s:{popularity}", (string?)_keys.Statistic("popularity"));
        Assert.Equal("shop:s:{next-step}:boots", (string?)_keys.StatisticOf("next-step", "boots"));
        Assert.Equal("shop:m:{email-holdout}:units", (string?)_keys.Holdout("email-holdout", "units"));
        Assert.Equal("shop:l:{home%7Btop%7D}:0123abcd", (string?)_keys.Learning("home{top}", "0123abcd"));
        Assert.Equal("shop:schema", (string?)_keys.Schema);
        Assert.Equal("shop:journal", (string?)_keys.Journal);
        Assert.Equal("shop:journal:appended", _keys.JournalAppended.ToString());
    }

    [Fact]
    public void A_learning_key_names_its_features_by_a_hash_of_their_names_in_order()
    {
        var hash = RedisLearningExchange.FeatureHash(["popularity", "confidence*popularity", "bias"]);
        Assert.Matches("^[0-9a-f]{16}$", hash);
        Assert.Equal(hash, RedisLearningExchange.FeatureHash(["popularity", "confidence*popularity", "bias"]));
        Assert.NotEqual(hash, RedisLearningExchange.FeatureHash(["confidence*popularity", "popularity", "bias"]));
        Assert.NotEqual(RedisLearningExchange.FeatureHash(["ab", "c"]), RedisLearningExchange.FeatureHash(["a", "bc"]));
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("}")]
    [InlineData("{}")]
    [InlineData("a}b{c")]
    [InlineData("100%{x}")]
    public void All_of_one_persons_keys_share_a_cluster_slot_whatever_braces_the_key_holds(string userKey)
    {
        var slots = new[] { _keys.Profile(userKey), _keys.Person(userKey, "arms"), _keys.Person(userKey, "tombstone") }
            .Select(k => HashSlot.Of(k!))
            .Distinct();

        Assert.Single(slots);
    }

    [Fact]
    public void Escaping_keeps_distinct_keys_distinct()
    {
        Assert.NotEqual((string?)_keys.Profile("{a}"), (string?)_keys.Profile("%7Ba%7D"));
        Assert.Equal("%7Ba%7D", RedisKeys.Escape("{a}"));
        Assert.Equal("%257Ba%257D", RedisKeys.Escape("%7Ba%7D"));
        Assert.Same("plain", RedisKeys.Escape("plain"));
    }

    [Fact]
    public void A_statistics_item_keys_share_the_statistics_slot()
    {
        Assert.Equal(HashSlot.Of(_keys.Statistic("next-step")!), HashSlot.Of(_keys.StatisticOf("next-step", "boots")!));
        Assert.Equal(HashSlot.Of(_keys.Holdout("h", "units")!), HashSlot.Of(_keys.Holdout("h", "totals")!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop{1}")]
    [InlineData("shop:eu")]
    [InlineData("shop eu")]
    public void A_prefix_that_could_break_the_layout_is_refused(string prefix)
    {
        Assert.False(RedisKeys.IsValidPrefix(prefix));
        Assert.Throws<ArgumentException>("prefix", () => new RedisKeys(prefix));
    }

    [Fact]
    public void The_slot_helper_matches_the_cluster_specification()
    {
        // Values from the Redis Cluster specification and `CLUSTER KEYSLOT`.
        Assert.Equal(12182, HashSlot.Of("foo"));
        Assert.Equal(HashSlot.Of("{user1000}.following"), HashSlot.Of("{user1000}.followers"));
        Assert.Equal(HashSlot.Of("foo{}{bar}"), HashSlot.Of("foo{}{bar}"));
        Assert.NotEqual(HashSlot.Of("{}a"), HashSlot.Of("{}b")); // an empty tag hashes the whole key
    }
}
