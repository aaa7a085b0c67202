using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Signals;

public sealed class TrendingSignalTests
{
    [Fact]
    public void An_item_taking_off_today_outranks_last_weeks_favourite_where_popularity_does_not()
    {
        using var trending = new TestSdk(TestSdk.Only(BuiltInSignals.Trending));
        using var popularity = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        foreach (var sdk in new[] { trending, popularity })
        {
            for (var i = 0; i < 12; i++)
            {
                sdk.View($"early-{i}", "books-1");
            }

            sdk.Time.Advance(TimeSpan.FromDays(4));
            for (var i = 0; i < 4; i++)
            {
                sdk.View($"today-{i}", "garden-2");
            }
        }

        Assert.Equal(["garden-2", "books-1"], trending.TopKeys("someone", 2));
        Assert.Equal(1f, trending.ScoreOf("someone", "garden-2"));
        Assert.Equal(["books-1", "garden-2"], popularity.TopKeys("someone", 2));
    }

    [Fact]
    public void Recent_popularity_fades_by_the_trend_half_life()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Trending).Then(options => options.TrendHalfLife = TimeSpan.FromDays(1)));
        sdk.View("a", "books-1", "books-1");
        sdk.Time.Advance(TimeSpan.FromDays(1));
        sdk.View("b", "garden-2");

        // Two views a half-life ago weigh what one view now does.
        Assert.Equal(1f, sdk.ScoreOf("someone", "books-1"), 4);
        Assert.Equal(1f, sdk.ScoreOf("someone", "garden-2"), 4);
        Assert.Equal(0f, sdk.ScoreOf("someone", "kitchen-3"));
    }

    [Fact]
    public void Items_nobody_touched_score_zero_and_a_dismissal_adds_nothing()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Trending));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("a", "books-1"));

        Assert.All(sdk.Rank("someone").Items, item => Assert.Equal(0f, item.Score));
    }
}
