using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Review;

/// <summary>Review of the readiness report against its documented promises.</summary>
public sealed class ReadinessReviewTests
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

        Assert.Contains("0.5%", figure.Threshold, StringComparison.Ordinal);
    }

    // README "Is your data ready?": "profile age, median / p90 | time since the last event of each
    // user decided on"; issue 10: "profile freshness (age of the last event for users decided on:
    // median and p90)". Four users decided on: one fresh (decided on ten times), three whose last
    // event is 40 days old. The median over the users decided on is 40 days (not ready); one user
    // who is decided on often must not make the placement's profiles look fresh.
    [Fact]
    public void Profile_age_median_is_over_the_users_decided_on_not_over_their_decisions()
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

        var median = sdk.Readiness()[PersonalizationRequest.DefaultPlacement].Figures.Single(f => f.Name == "profile age, median");

        Assert.True(
            median.Value > TimeSpan.FromDays(7).TotalSeconds && median.Status == ReadinessStatus.NotReady,
            $"3 of the 4 users decided on last acted 40 days ago, yet the median profile age is {median.Display} ({median.Status})");
    }
}
