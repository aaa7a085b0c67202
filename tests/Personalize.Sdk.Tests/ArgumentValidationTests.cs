using Personalize.Sdk.Extensibility;
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

    [Theory, AutoData]
    public void A_forced_arm_that_is_not_a_holdout_arm_throws_naming_it(string user)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>("ForceArm", () => new PersonalizationRequest(user) { ForceArm = (HoldoutArm)7 });

        Assert.Equal((HoldoutArm)7, refused.ActualValue);
        Assert.Equal(HoldoutArm.Control, new PersonalizationRequest(user) { ForceArm = HoldoutArm.Control }.ForceArm);
        Assert.Null(new PersonalizationRequest(user) { ForceArm = null }.ForceArm);
    }

    [Fact]
    public void A_default_decision_context_throws_invalid_operation_rather_than_a_null_reference()
    {
        Action[] members =
        [
            () => _ = default(DecisionContext).GetItem(0),
            () => _ = default(DecisionContext).GetCategoryIndex(0),
            () => _ = default(DecisionContext).CategoryCount,
            () => _ = default(DecisionContext).ItemPopularity,
            () => _ = default(DecisionContext).ItemRecentPopularity,
            () => _ = default(DecisionContext).GetNextStepNeighbours(0),
            () => _ = default(DecisionContext).GetNextStepNeighbours(-1),
            () => _ = default(DecisionContext).Profile,
        ];

        Assert.All(members, member => Assert.Contains("default instance", Assert.Throws<InvalidOperationException>(member).Message, StringComparison.Ordinal));
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
