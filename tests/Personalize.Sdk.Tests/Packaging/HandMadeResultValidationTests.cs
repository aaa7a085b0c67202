using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Packaging;

/// <summary>
/// Results a host builds by hand for its test fakes and sinks are held to the ranges their XML docs
/// state: a value outside them is refused at once, naming the parameter, rather than read back later.
/// </summary>
public sealed class HandMadeResultValidationTests
{
    private static readonly EstimateInterval None = new(double.NaN, double.NaN, double.NaN, 0);

    [Theory]
    [InlineData(0, 1.0, 1.5, "reward")]
    [InlineData(0, 1.0, -0.1, "reward")]
    [InlineData(0, 1.0, double.NaN, "reward")]
    [InlineData(0, 0.0, 0.5, "probability")]
    [InlineData(0, 1.5, 0.5, "probability")]
    [InlineData(0, double.NaN, 0.5, "probability")]
    [InlineData(-1, 0.5, 0.5, "candidate")]
    public void A_logged_slot_outside_its_documented_ranges_is_refused_naming_the_parameter(int candidate, double probability, double reward, string parameter)
    {
        var refused = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new LoggedSlot(candidate, probability, reward, rewarded: true));

        Assert.Equal(parameter, refused.ParamName);
    }

    [Fact]
    public void A_logged_slot_at_the_ends_of_its_ranges_reads_back_as_built()
    {
        var slot = new LoggedSlot(0, 1.0, 0.0, rewarded: false);

        Assert.Equal((0, 1.0, 0.0, false), (slot.Candidate, slot.Probability, slot.Reward, slot.Rewarded));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void An_evaluation_at_an_impossible_confidence_is_refused_naming_it(double confidence)
    {
        var refused = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new PolicyEvaluation("home", DateTimeOffset.UnixEpoch, 0, 0, confidence, [], None));

        Assert.Equal("confidence", refused.ParamName);
    }

    [Theory]
    [InlineData(-1, 0, "decisions")]
    [InlineData(0, -1, "rounds")]
    public void An_evaluation_of_a_negative_count_is_refused_naming_it(int decisions, int rounds, string parameter)
    {
        var refused = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new PolicyEvaluation("home", DateTimeOffset.UnixEpoch, decisions, rounds, 0.95, [], None));

        Assert.Equal(parameter, refused.ParamName);
    }

    [Fact]
    public void An_exposure_of_a_default_assignment_is_refused_naming_the_assignment()
    {
        var refused = Assert.Throws<ArgumentException>(() => new Exposure(Guid.NewGuid(), "unit", default, DecisionVariant.Personalized, [], DateTimeOffset.UnixEpoch));

        Assert.Equal("assignment", refused.ParamName);
    }
}
