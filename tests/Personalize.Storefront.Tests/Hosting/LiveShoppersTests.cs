using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Hosting;

namespace Personalize.Storefront.Tests.Hosting;

public sealed class LiveShoppersTests
{
    [Fact]
    public async Task With_live_shoppers_simulated_shoppers_keep_arriving_and_the_learning_pages_log_their_decisions()
    {
        await using var app = StorefrontHost.Build(["--port=0", "--shoppers=0", "--live-shoppers=50"]);
        var reporter = app.Services.GetRequiredService<ILearningReporter>();
        Assert.All(reporter.GetReport().Placements, placement => Assert.Equal(0, placement.Decisions));

        await app.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reporter.GetReport().Placements.Any(placement => placement.Decisions == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await app.StopAsync();
        Assert.All(reporter.GetReport().Placements, placement => Assert.True(placement.Decisions > 0, $"No live shopper reached the {placement.Placement} page."));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_bad_live_shoppers_setting_is_refused(string value)
    {
        Assert.Throws<InvalidSettingException>(() => StorefrontHost.Build(["--port=0", "--shoppers=0", $"--live-shoppers={value}"]));
    }
}
