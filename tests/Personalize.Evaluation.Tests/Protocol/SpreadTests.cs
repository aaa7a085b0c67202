using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class SpreadTests
{
    [Fact]
    public void Gives_the_mean_the_sample_standard_deviation_and_the_range()
    {
        // Mean 4; squared deviations 4 + 0 + 4 = 8; sample variance 8 / 2 = 4.
        var spread = Spread.Of([2, 4, 6]);

        Assert.Equal(new Spread(4, 2, 2, 6), spread);
        Assert.Equal(0, Spread.Of([5]).StandardDeviation);
    }
}
