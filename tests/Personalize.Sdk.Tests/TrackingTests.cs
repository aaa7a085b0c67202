using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Statistics;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class TrackingTests
{

    [Theory]
    [InlineData("unknown item")]
    [InlineData("quantity must be positive")]
    [InlineData("revenue must not be negative")]
    [InlineData("timestamp is in the future")]
    public void An_impossible_event_is_counted_with_its_reason_and_changes_nothing(string reason)
    {
        using var sdk = new TestSdk();
        using var rejected = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.rejected");
        var impossible = reason switch
        {
            "unknown item" => PersonalizationEvent.View("u", "no-such-item"),
            "quantity must be positive" => PersonalizationEvent.Purchase("u", "books-1", quantity: 0),
            "revenue must not be negative" => PersonalizationEvent.Purchase("u", "books-1", revenue: -1m),
            _ => PersonalizationEvent.View("u", "books-1") with { Timestamp = TestSdk.Start.AddHours(1) },
        };

        sdk.Personalizer.Track(impossible);

        var measurement = Assert.Single(rejected.GetMeasurementSnapshot());
        Assert.Equal(reason, measurement.Tags["reason"]);
        Assert.Equal(DecisionVariant.ColdStart, sdk.Personalizer.Rank(new PersonalizationRequest("u")).Variant);
        Assert.All(sdk.Personalizer.Rank(new PersonalizationRequest("someone-else")).Items, item => Assert.Equal(0f, item.Score));
    }

    [Fact]
    public void Rejected_events_are_all_counted_but_logged_at_most_once_a_minute()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        using var rejected = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.rejected");

        for (var i = 0; i < 1_000; i++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View("u", "no-such-item"));
        }

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "no-such-item"));

        Assert.Equal(1_001, rejected.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, logs.GetSnapshot().Count(record => record.Message.Contains("was not applied", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_similar_items_model_takes_events_in_at_its_next_background_rebuild_not_at_once()
    {
        // As IPersonalizer documents: the profile and item statistics change at once, this model later.
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.SimilarItems));
        for (var i = 0; i < 3; i++)
        {
            sdk.View($"reader-{i}", "books-1", "garden-2");
        }

        sdk.View("user", "books-1");

        Assert.Equal(0f, sdk.ScoreOf("user", "garden-2"));
        sdk.Time.Advance(SimilarItems.RefreshInterval - TimeSpan.FromSeconds(1));
        Assert.Equal(0f, sdk.ScoreOf("user", "garden-2"));
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(sdk.ScoreOf("user", "garden-2") > 0f);
    }

    [Fact]
    public void Applied_events_are_counted_by_kind()
    {
        using var sdk = new TestSdk();
        using var applied = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.applied");

        sdk.Personalizer.Track(PersonalizationEvent.View("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("u", "books-1", 2, 19.90m));

        Assert.Equal(["view", "add_to_cart", "purchase"], applied.GetMeasurementSnapshot().Select(m => m.Tags["kind"]));
    }

    [Fact]
    public void An_event_with_an_earlier_timestamp_still_counts_but_decayed()
    {
        using var sdk = new TestSdk(options => options.AffinityHalfLife = TimeSpan.FromDays(1));
        sdk.View("u", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "garden-1") with { Timestamp = TestSdk.Start.AddDays(-1) });
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "garden-2") with { Timestamp = TestSdk.Start.AddDays(-1) });
        sdk.Personalizer.Track(PersonalizationEvent.View("u", "garden-3") with { Timestamp = TestSdk.Start.AddDays(-1) });

        // Three day-old garden views (0.5 each, 1.5) outweigh one fresh books view (1).
        Assert.StartsWith("garden-", sdk.TopKeys("u", 1)[0], StringComparison.Ordinal);
    }
}
