using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Readiness;

/// <summary>What a readiness figure says it was judged by, and over what it is counted.</summary>
public sealed class ReadinessFigureTests
{
    // ReadinessFigure.Threshold: "The thresholds it was judged by". A signal's invalid values are
    // judged by SignalInvalidRateReady / SignalInvalidRateAtRisk (ReadinessThresholds), so its
    // figure should name those, not the fault thresholds.
    [Fact]
    public void A_signal_figure_names_the_invalid_value_threshold_it_was_judged_by()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Readiness.Thresholds.SignalInvalidRateReady = 0.005;
            options.Readiness.Thresholds.SignalInvalidRateAtRisk = 0.02;
        });
        sdk.Rank("u");

        var figure = sdk.Readiness()[PersonalizationRequest.DefaultPlacement].Figures.First(f => f.Name == "signal 'popularity'");

        Assert.Equal("faults ready <= 0.1%, not ready > 1.0%; invalid ready <= 0.5%, not ready > 2.0%; non-zero ready >= 5.0%, else at risk", figure.Threshold);
    }

    // README "Is your data ready?": "profile age, median / p90 | over the placement's decisions on
    // users with history, the time since that user's last event ... a user decided on often counts
    // once per decision". Four users decided on: one fresh, decided on ten times, and three whose
    // last event is 40 days old, once each: 10 of the 13 decisions are on a fresh profile.
    [Fact]
    public void Profile_age_is_counted_over_the_placements_decisions()
    {
        using var sdk = new TestSdk(options =>
        {
            options.Readiness.MinimumDecisions = 1;
            options.Readiness.Window = TimeSpan.FromDays(7);
            options.ProfileIdleExpiration = TimeSpan.FromDays(365);
            options.MinConfidence = 0;
            options.Guardrails.Disabled.Add(Extensibility.BuiltInGuardrails.FrequencyCap);
        });
        for (var i = 0; i < 3; i++)
        {
            sdk.View($"lapsed-{i}", "garden-1");
        }

        sdk.Time.Advance(TimeSpan.FromDays(40));
        sdk.View("regular", "garden-2");
        sdk.Time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 10; i++)
        {
            sdk.Rank("regular");
        }

        for (var i = 0; i < 3; i++)
        {
            sdk.Rank($"lapsed-{i}");
        }

        var figures = sdk.Readiness()[PersonalizationRequest.DefaultPlacement].Figures;
        var median = figures.Single(f => f.Name == "profile age, median");
        var p90 = figures.Single(f => f.Name == "profile age, p90");

        Assert.InRange(median.Value!.Value, TimeSpan.FromMinutes(30).TotalSeconds, TimeSpan.FromHours(2).TotalSeconds);
        Assert.Equal(ReadinessStatus.Ready, median.Status);
        Assert.True(p90.Value > TimeSpan.FromDays(20).TotalSeconds, $"p90 {p90.Display}");
    }
}
