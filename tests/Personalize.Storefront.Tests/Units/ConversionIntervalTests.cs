using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Tests.Units;

public sealed class ConversionIntervalTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(10, 10)]
    [InlineData(37, 400)]
    [InlineData(0, 1)]
    public void The_interval_holds_the_observed_rate_and_stays_in_0_to_1(long converted, long units)
    {
        var interval = ConversionInterval.Wilson(converted, units)!.Value;

        Assert.InRange(interval.Lower, 0, (double)converted / units);
        Assert.InRange(interval.Upper, (double)converted / units, 1);
    }

    [Fact]
    public void It_matches_a_published_value()
    {
        // Wilson 95% for 81 of 263: 0.2553 to 0.3662 (Newcombe 1998, table I).
        var interval = ConversionInterval.Wilson(81, 263)!.Value;

        Assert.Equal(0.2553, interval.Lower, 4);
        Assert.Equal(0.3662, interval.Upper, 4);
    }

    [Fact]
    public void More_data_narrows_it() =>
        Assert.True(Width(ConversionInterval.Wilson(100, 1_000)) < Width(ConversionInterval.Wilson(10, 100)));

    [Fact]
    public void With_no_data_there_is_none() =>
        Assert.Null(ConversionInterval.Wilson(0, 0));

    private static double Width(ConversionInterval? interval) => interval!.Value.Upper - interval.Value.Lower;
}
