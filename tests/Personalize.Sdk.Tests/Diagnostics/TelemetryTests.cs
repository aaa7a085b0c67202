using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Diagnostics;

[Collection(AllocationCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public void Decisions_are_counted_by_variant_and_reason_and_timed()
    {
        using var sdk = new TestSdk();
        var meters = sdk.Services.GetRequiredService<IMeterFactory>();
        using var decisions = new MetricCollector<long>(meters, "Personalize.Sdk", "personalize.decisions");
        using var duration = new MetricCollector<double>(meters, "Personalize.Sdk", "personalize.rank.duration");
        using var fallbacks = new MetricCollector<long>(meters, "Personalize.Sdk", "personalize.fallbacks");
        sdk.View("known", "books-1");

        sdk.Rank("known");
        sdk.Rank("stranger");
        sdk.Personalizer.Rank(new PersonalizationRequest("x") { Candidates = new[] { "unknown" } });

        Assert.Equal(
            [("personalized", "profile"), ("cold_start", "no_history"), ("fallback", "no_known_candidates")],
            decisions.GetMeasurementSnapshot().Select(m => ((string)m.Tags["variant"]!, (string)m.Tags["reason"]!)));
        Assert.Equal(3, duration.GetMeasurementSnapshot().Count);
        Assert.All(duration.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
        Assert.Equal("no_known_candidates", Assert.Single(fallbacks.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public void A_decision_is_timed_in_seconds_on_the_injected_clock()
    {
        var slow = new ClockAdvancingSignal();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(slow, 1f, 1f));
        slow.Time = sdk.Time;
        using var duration = new MetricCollector<double>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.rank.duration");

        sdk.Rank("u");

        Assert.Equal(0.003, Assert.Single(duration.GetMeasurementSnapshot()).Value, 9);
    }

    [Fact]
    public void Every_instrument_has_a_unit_and_a_description()
    {
        var instruments = PublishedInstruments.OfOneSdk();
        Assert.True(instruments.Count >= 20, $"only {instruments.Count} instruments were published");
        Assert.All(instruments, instrument => Assert.False(string.IsNullOrWhiteSpace(instrument.Unit) || string.IsNullOrWhiteSpace(instrument.Description), instrument.Name));
        Assert.Equal("s", instruments.Single(i => i.Name == "personalize.rank.duration").Unit);
    }

    /// <summary>Takes 3 ms of the fake clock to compute, so the decision's duration is known exactly.</summary>
    private sealed class ClockAdvancingSignal : ISignalProvider
    {
        public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Time { get; set; }

        public string Name => "slow";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => Time!.Advance(TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public void Guardrail_removals_are_counted()
    {
        using var sdk = new TestSdk();
        using var removals = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.guardrail.removals");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("u", "books-2"));

        sdk.Rank("u");

        Assert.Equal(2, removals.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public void Every_decision_is_a_span_that_carries_no_user_key()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Personalize.Sdk",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("home", 5_000));

        var decision = sdk.Rank("secret-user-key");

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("personalize.decision.id"), decision.Id));
        Assert.Equal("personalize.rank", span.OperationName);
        Assert.Equal("cold_start", span.GetTagItem("personalize.variant"));
        Assert.Equal("home", span.GetTagItem("personalize.holdout"));
        Assert.DoesNotContain(span.Tags, tag => tag.Value?.Contains("secret-user-key", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_failing_exposure_or_outcome_sink_is_logged_by_its_exception_type_without_the_key_its_error_names()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddHoldout("site", 5_000);
            builder.Services.AddSingleton<IExposureSink>(new KeyEchoingSink());
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });
        sdk.View("ada@example.com", "books-1");
        sdk.Rank("ada@example.com", 3);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ada@example.com", "books-1", revenue: 10m));

        var faults = logs.GetSnapshot().Where(record => record.Message.StartsWith("Exposure sink", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, faults.Length);
        Assert.All(faults, record =>
        {
            Assert.Contains(nameof(InvalidOperationException), record.Message, StringComparison.Ordinal);
            Assert.Null(record.Exception);
        });
        Assert.All(logs.GetSnapshot(), record => Assert.DoesNotContain("ada@example.com", record.Message + record.Exception, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_outcome_sink_is_logged_at_most_once_a_minute_of_the_hosts_clock_whatever_the_events_timestamps()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddHoldout("site", 5_000);
            builder.Services.AddSingleton<IExposureSink>(new KeyEchoingSink());
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });
        sdk.View("visitor", "books-1");
        sdk.Rank("visitor", 3);

        // A client's batch of an hour of clicks, uploaded at once.
        for (var minute = 0; minute < 5; minute++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.Click("visitor", "books-1") with { Timestamp = TestSdk.Start.AddMinutes(minute) });
        }

        Assert.Equal(2, logs.GetSnapshot().Count(record => record.Message.StartsWith("Exposure sink", StringComparison.Ordinal)));
    }

    /// <summary>A sink whose store rejects the row, as a database would, naming the key in its error.</summary>
    private sealed class KeyEchoingSink : IExposureSink
    {
        public void RecordExposure(in Exposure exposure) =>
            throw new InvalidOperationException($"Violation of PRIMARY KEY constraint: duplicate key ({exposure.UnitKey}, {exposure.Holdout}).");

        public void RecordOutcome(in Outcome outcome) =>
            throw new InvalidOperationException($"Violation of PRIMARY KEY constraint: duplicate key ({outcome.UnitKey}, {outcome.Holdout}).");
    }
}
