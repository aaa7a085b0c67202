using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class ArgumentValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_request_without_a_user_key_throws_naming_it(string? userKey)
    {
        var failure = Assert.ThrowsAny<ArgumentException>(() => new PersonalizationRequest(userKey!));
        Assert.Equal("userKey", failure.ParamName);
    }

    [Fact]
    public void A_default_request_is_refused_naming_the_request()
    {
        using var sdk = new TestSdk();

        Assert.Throws<ArgumentException>("request", () => sdk.Personalizer.Rank(default(PersonalizationRequest)));
        Assert.Throws<ArgumentException>("request", () => sdk.Personalizer.Rank(default, new RankedItem[4], out _));
    }

    [Theory, AutoData]
    public void A_negative_count_throws_naming_it(string user)
    {
        Assert.Throws<ArgumentOutOfRangeException>("Count", () => new PersonalizationRequest(user) { Count = -1 });
    }

    [Theory]
    [InlineData(null, "item", "userKey")]
    [InlineData("", "item", "userKey")]
    [InlineData("user", null, "itemKey")]
    [InlineData("user", "", "itemKey")]
    public void An_event_without_keys_throws_naming_the_key(string? userKey, string? itemKey, string parameter)
    {
        var failure = Assert.ThrowsAny<ArgumentException>(() => PersonalizationEvent.View(userKey!, itemKey!));
        Assert.Equal(parameter, failure.ParamName);
    }

    [Fact]
    public void A_default_event_is_refused_naming_the_event()
    {
        using var sdk = new TestSdk();

        Assert.Throws<ArgumentException>("personalizationEvent", () => sdk.Personalizer.Track(default));
    }
}
