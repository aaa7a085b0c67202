using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

public sealed class PreviewTests
{
    [Fact]
    public void A_preview_decides_as_rank_would_but_records_no_showing_exposure_or_readiness()
    {
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 1, builder => builder.AddHoldout("site", 5_000));
        var sink = new CountingSink();
        using var withSink = new TestSdk(options => options.Guardrails.FrequencyCap = 1, builder => builder.AddHoldout("site", 5_000).Services.AddSingleton<IExposureSink>(sink));
        foreach (var instance in new[] { sdk, withSink })
        {
            instance.View("user", "books-1", "books-2");
        }

        var previews = Enumerable.Range(0, 3).Select(_ => Preview(withSink)).ToArray();

        var report = withSink.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        Assert.Equal(0, report.Control.ExposedUnits + report.Treatment.ExposedUnits);
        Assert.Equal(0, sink.Exposures);
        Assert.Empty(withSink.Personalizer.GetPersonalData("user").Profile!.Showings);
        Assert.Equal(0, withSink.Readiness()["default"].Coverage.Decisions);
        var recorded = sdk.TopKeys("user", 4);
        Assert.All(previews, preview => Assert.Equal(recorded, preview));

        // The same decision recorded once rests what it showed (a cap of one showing): previews did not.
        Assert.Equal(recorded, withSink.TopKeys("user", 4));
        Assert.Empty(withSink.TopKeys("user", 4).Intersect(recorded));
    }

    [Fact]
    public void A_preview_reads_a_placements_pause_but_never_pauses_or_resumes_it()
    {
        using var sdk = new TestSdk(options => options.Readiness.AutoPause = true);
        sdk.Time.Advance(TimeSpan.FromDays(8));
        var placement = PersonalizationRequest.DefaultPlacement;

        var stale = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Preview = true });
        Assert.False(sdk.Readiness()[placement].IsPaused, $"the preview was {stale.Reason}");

        // A recorded decision pauses it; a preview then shows the paused decision, and a reloaded catalog does not resume it.
        Assert.Equal(DecisionReason.Paused, sdk.Personalizer.Rank(new PersonalizationRequest("u")).Reason);
        sdk.Catalog.Replace(TestCatalog.Items);
        sdk.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(DecisionReason.Paused, sdk.Personalizer.Rank(new PersonalizationRequest("u") { Preview = true }).Reason);
        Assert.True(sdk.Readiness()[placement].IsPaused);
    }

    private static string[] Preview(TestSdk sdk) =>
        [.. sdk.Personalizer.Rank(new PersonalizationRequest("user") { Count = 4, Preview = true }).Items.Select(item => item.ItemKey)];

    private sealed class CountingSink : IExposureSink
    {
        public int Exposures { get; private set; }

        public void RecordExposure(in Exposure exposure) => Exposures++;

        public void RecordOutcome(in Outcome outcome)
        {
        }
    }
}
