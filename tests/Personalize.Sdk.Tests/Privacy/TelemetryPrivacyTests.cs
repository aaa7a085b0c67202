using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// "Nothing about a person is in a log, a metric tag or a span" (README, Privacy).
/// Runs every public path with distinctive personal values and looks for them in everything the
/// SDK logged, every metric tag and every span tag.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class TelemetryPrivacyTests
{
    private const string Account = "ada.lovelace@example.com";
    private const string Guest = "guest-cookie-7f3a";
    private const string Session = "sess-91c2-private";

    [Fact]
    public void No_user_key_or_request_text_reaches_logs_metric_tags_or_spans()
    {
        var logs = new FakeLogCollector();
        var tags = new List<string>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Personalize", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> measurementTags, object? state)
        {
            lock (tags)
            {
                foreach (var tag in measurementTags)
                {
                    tags.Add($"metric {instrument.Name} {tag.Key}={tag.Value}");
                }
            }
        }

        meterListener.SetMeasurementEventCallback<long>(Record);
        meterListener.SetMeasurementEventCallback<int>(Record);
        meterListener.SetMeasurementEventCallback<double>(Record);
        meterListener.Start();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Personalize", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (tags)
                {
                    tags.Add($"span {activity.OperationName} {activity.DisplayName} {activity.StatusDescription}");
                    foreach (var tag in activity.TagObjects)
                    {
                        tags.Add($"span {activity.OperationName} {tag.Key}={tag.Value}");
                    }

                    foreach (var e in activity.Events)
                    {
                        tags.Add($"span-event {e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
                    }

                    foreach (var baggage in activity.Baggage)
                    {
                        tags.Add($"baggage {baggage.Key}={baggage.Value}");
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        var sink = new Learning.RewardTests.RecordingSink();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
                options.Placements["home"] = new PlacementOptions { Holdout = "site" };
            },
            builder =>
            {
                builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
                builder.AddHoldout("site", basisPoints: 5_000);
                builder.AddLearningLogSink(sink);
                builder.AddLearningLogSink(new KeyEchoingLearningSink());
                builder.Services.AddSingleton<IExposureSink>(new KeyEchoingExposureSink());
                builder.AddSignal(new ThrowingSignal(), 0.5f, 0.5f);
                builder.AddGuardrail(new ThrowingExplainGuardrail());
            });
        var personalizer = sdk.Personalizer;
        var context = new RequestContext { Channel = Session, Device = Session + "-device", Locale = Session + "-locale" };

        // Tracking, good and bad.
        personalizer.Track(PersonalizationEvent.View(Guest, "hiking-1"));
        personalizer.Track(PersonalizationEvent.View(Guest, "no-such-item-" + Session));
        personalizer.Track(PersonalizationEvent.Click(Account, "hiking-2"));
        personalizer.Track(PersonalizationEvent.Purchase(Account, "hiking-3", 1, 10m));
        personalizer.Track(PersonalizationEvent.StatedCategoryPreference(Account, "no-such-category-" + Session, likes: true));
        personalizer.Track(PersonalizationEvent.View(Account, "hiking-4") with { Timestamp = sdk.Time.GetUtcNow().AddHours(2) });

        // Ranking: default, named, unknown placement, unknown candidates, explanations.
        var decision = personalizer.Rank(new PersonalizationRequest(Account) { Placement = "home", Context = context, Explain = true });
        personalizer.Rank(new PersonalizationRequest(Guest) { Placement = "unconfigured", Context = context });
        personalizer.Rank(new PersonalizationRequest(Account) { Candidates = new[] { "candidate-" + Session, "hiking-1" }, Context = context });
        personalizer.Track(PersonalizationEvent.Click(Account, decision.Items[0].ItemKey));
        personalizer.Reward(decision.Id, 1);
        personalizer.Reward(decision.Id, "reward-item-" + Session, 1);

        // Identity: stitch, refusals, consent, access, erasure and a late event for the erased person.
        personalizer.Identify(Guest, Account);
        personalizer.Identify(Guest, "other-" + Account);
        personalizer.Identify(Account, Guest);
        personalizer.GetPersonalData(Account);
        personalizer.GetConsent(Guest);
        personalizer.Track(PersonalizationEvent.ConsentWithdrawn(Guest));
        personalizer.Track(PersonalizationEvent.View(Guest, "hiking-2"));
        personalizer.Forget(Account);
        personalizer.Track(PersonalizationEvent.View(Account, "hiking-1") with { Timestamp = TestSdk.Start.AddMinutes(-1) });

        // Catalog faults.
        try
        {
            sdk.Catalog.Load(new MemoryStream(Encoding.UTF8.GetBytes("[{\"key\":\"" + Session + "\", \"title\": 4")));
        }
        catch (CatalogFormatException)
        {
        }

        // Settle the learning decisions so the sinks run (and throw).
        sdk.Time.Advance(TimeSpan.FromMinutes(12));
        ((Personalizer)personalizer).Learner.Update();
        personalizer.Rank(new PersonalizationRequest(Guest) { Context = context });

        meterListener.RecordObservableInstruments();
        var logged = logs.GetSnapshot().Select(record =>
            $"log {record.Level} {record.Message} {record.Exception} {string.Join(",", record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])} {string.Join(",", record.Scopes)}");
        string[] everything;
        lock (tags)
        {
            everything = [.. logged, .. tags];
        }

        Assert.NotEmpty(everything);
        var leaks = everything.Where(line =>
            line.Contains(Account, StringComparison.OrdinalIgnoreCase)
            || line.Contains("ada.lovelace", StringComparison.OrdinalIgnoreCase)
            || line.Contains(Guest, StringComparison.OrdinalIgnoreCase)
            || line.Contains(Session, StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(leaks.Length == 0, "personal values found:\n" + string.Join("\n", leaks));
    }

    /// <summary>A placement name no configuration knows is free text from the request: logged without it.</summary>
    [Fact]
    public void An_unknown_placement_name_from_the_request_is_not_logged_verbatim()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder => builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));

        sdk.Personalizer.Rank(new PersonalizationRequest(Account) { Placement = "recs-for-" + Account });

        var leaks = logs.GetSnapshot().Where(record => record.Message.Contains(Account, StringComparison.Ordinal)).Select(record => record.Message).ToArray();
        Assert.True(leaks.Length == 0, "logged: " + string.Join(" | ", leaks));
        Assert.Contains(logs.GetSnapshot(), record => record.Id.Id == 10 && record.Message.Contains("not configured", StringComparison.Ordinal));
    }

    /// <summary>A sink whose store echoes the key in its error, as README says a store's errors often do.</summary>
    private sealed class KeyEchoingExposureSink : IExposureSink
    {
        public void RecordExposure(in Exposure exposure) => throw new InvalidOperationException($"duplicate row for {exposure.UnitKey}");

        public void RecordOutcome(in Outcome outcome) => throw new InvalidOperationException($"duplicate outcome for {outcome.UnitKey}");
    }

    private sealed class KeyEchoingLearningSink : ILearningLogSink
    {
        public void Write(LearningRecord record) => throw new InvalidOperationException("store down");
    }

    private sealed class ThrowingSignal : ISignalProvider
    {
        public string Name => "throwing";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => throw new InvalidOperationException("signal failed");
    }

    private sealed class ThrowingExplainGuardrail : IGuardrail
    {
        public string Name => "remove-first";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            if (eligible.Length > 0)
            {
                eligible[0] = false;
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => throw new InvalidOperationException("explain failed");
    }
}
