using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.TestSupport.WarmShoppers;

namespace Personalize.Sdk.Tests;

/// <summary>
/// each documented "allocates nothing" path not yet pinned by AllocationTests,
/// measured in the same style (GC.GetAllocatedBytesForCurrentThread around warm calls, fewest of 3 runs of 1,000).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationPromiseTests
{
    private const int Calls = 1_000;

    private static long Measure(Action call) => Allocations.Fewest(_ => call(), 3, Calls);

    private static long Measure(Action<int> call) => Allocations.Fewest(call, 3, Calls);

    /// <summary>Ranks each of <paramref name="requests"/> once to warm them, then measures ranking them all again.</summary>
    private static long RankAllocations(TestSdk sdk, RankedItem[] buffer, params PersonalizationRequest[] requests)
    {
        foreach (var request in requests)
        {
            sdk.Personalizer.Rank(request, buffer, out _);
        }

        return Measure(() =>
        {
            foreach (var request in requests)
            {
                sdk.Personalizer.Rank(request, buffer, out _);
            }
        });
    }

    [Fact]
    public void Span_rank_with_explain_requested_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member) { Explain = true };
        Assert.Equal(0, RankAllocations(sdk, buffer, request));
    }

    [Fact]
    public void Span_rank_with_a_forced_arm_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var treat = new PersonalizationRequest(member) { ForceArm = HoldoutArm.Treatment };
        var control = new PersonalizationRequest(member) { ForceArm = HoldoutArm.Control };
        Assert.Equal(0, RankAllocations(sdk, buffer, treat, control));
    }

    [Fact]
    public void Span_rank_as_a_preview_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member) { Preview = true };
        Assert.Equal(0, RankAllocations(sdk, buffer, request));
    }

    [Fact]
    public void Span_rank_with_low_intent_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member) { Context = new RequestContext { LowIntent = true, Channel = "app", Locale = "en-GB" } };
        Assert.Equal(0, RankAllocations(sdk, buffer, request));
    }

    [Fact]
    public void Span_rank_under_the_kill_switch_allocates_nothing()
    {
        using var sdk = WarmSdk(options => options.KillSwitch = true);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("account");
        sdk.Personalizer.Rank(request, buffer, out var info);

        Assert.Equal(0, Measure(() => sdk.Personalizer.Rank(request, buffer, out _)));
    }

    [Fact]
    public void Span_rank_on_a_placement_with_its_own_weights_guardrails_and_count_allocates_nothing()
    {
        using var sdk = WarmSdk(options =>
        {
            var placement = new PlacementOptions { Count = 4 };
            placement.Weights[BuiltInSignals.Popularity] = 2f;
            placement.Weights[BuiltInSignals.Trending] = 1f;
            placement.DisabledGuardrails.Add(BuiltInGuardrails.FrequencyCap);
            options.Placements["product-page"] = placement;
        });
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member) { Placement = "product-page" };
        var unknown = new PersonalizationRequest(member) { Placement = "no-such-placement" };
        Assert.Equal(0, RankAllocations(sdk, buffer, request, unknown));
    }

    [Fact]
    public void Span_rank_with_duplicate_null_and_empty_candidates_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        string[] keys = ["books-1", "books-1", null!, string.Empty, "hiking-2", "gone", "hiking-2", "garden-4"];
        var request = new PersonalizationRequest(member) { Candidates = keys };
        var none = new PersonalizationRequest(member) { Candidates = new[] { "gone", "gone", null!, string.Empty, "also-gone" } };
        Assert.Equal(0, RankAllocations(sdk, buffer, request, none));
    }

    [Fact]
    public void Span_rank_with_count_zero_or_a_short_buffer_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        var small = new RankedItem[2];
        var zero = new PersonalizationRequest(member) { Count = 0 };
        var many = new PersonalizationRequest(member) { Count = 50 };
        Assert.Equal(0, RankAllocations(sdk, small, zero, many));
    }

    [Fact]
    public void Span_rank_for_a_person_who_withdrew_consent_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var member = TreatedMember(sdk);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(member));
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member);
        Assert.Equal(0, RankAllocations(sdk, buffer, request));
    }

    [Fact]
    public void Span_rank_for_a_stranger_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("never-seen");
        Assert.Equal(0, RankAllocations(sdk, buffer, request));
    }

    [Fact]
    public void Span_rank_with_an_exposure_sink_allocates_nothing()
    {
        using var sdk = WarmSdk(build: builder => builder.Services.AddSingleton<IExposureSink>(new NullSink()));
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member);
        var control = new PersonalizationRequest("guest");
        Assert.Equal(0, RankAllocations(sdk, buffer, request, control));
        Assert.True(NullSink.Exposures > 0);
    }

    [Fact]
    public void Span_rank_with_sensitive_and_replenishable_categories_allocates_nothing()
    {
        using var sdk = WarmSdk(options =>
        {
            options.Guardrails.SensitiveCategories.Add("garden");
            options.Guardrails.ReplenishableCategories["kitchen"] = TimeSpan.FromDays(3);
        });
        var member = TreatedMember(sdk);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(member, "kitchen-2"));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven(member, ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member);
        var other = new PersonalizationRequest("account");
        Assert.Equal(0, RankAllocations(sdk, buffer, request, other));
    }

    [Fact]
    public void Span_rank_on_a_learning_placement_for_control_and_low_intent_allocates_nothing()
    {
        using var sdk = WarmSdk(options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
            options.Placements["email"] = new PlacementOptions { LearningMode = LearningMode.Apprentice };
        });
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var control = new PersonalizationRequest("account");
        var low = new PersonalizationRequest(member) { Context = new RequestContext { LowIntent = true } };
        var email = new PersonalizationRequest(member) { Placement = "email" };
        var learning = new PersonalizationRequest(member);
        Assert.Equal(0, RankAllocations(sdk, buffer, control, low, email, learning));
    }

    [Fact]
    public void Span_rank_with_a_meter_listener_allocates_nothing()
    {
        using var sdk = WarmSdk();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name.StartsWith("Personalize", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<int>(static (_, _, _, _) => { });
        listener.Start();
        var member = TreatedMember(sdk);
        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest(member);
        var e = PersonalizationEvent.View(member, "books-2");
        sdk.Personalizer.Rank(request, buffer, out _);

        var rank = Measure(() => sdk.Personalizer.Rank(request, buffer, out _));
        var track = Measure(() => sdk.Personalizer.Track(e));

        Assert.Equal((0L, 0L), (rank, track));
    }

    [Fact]
    public void Span_rank_and_track_through_the_builder_allocate_nothing()
    {
        using var services = new PersonalizerBuilder().AddCatalog(TestCatalog.Items).AddHoldout("home", 2_000).BuildServices();
        var personalizer = services.Personalizer;
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            personalizer.Track(PersonalizationEvent.View($"shopper-{random.Next(10)}", TestCatalog.Items[random.Next(TestCatalog.Items.Count)].Key));
        }

        var buffer = new RankedItem[10];
        var request = new PersonalizationRequest("shopper-1");
        var view = PersonalizationEvent.View("shopper-1", "books-3");
        personalizer.Rank(request, buffer, out _);

        var rank = Measure(() => personalizer.Rank(request, buffer, out _));
        var track = Measure(() => personalizer.Track(view));

        Assert.Equal((0L, 0L), (rank, track));
    }

    [Fact]
    public void Track_of_dated_events_and_of_an_alias_allocates_nothing()
    {
        using var sdk = WarmSdk();
        var at = sdk.Time.GetUtcNow() - TimeSpan.FromHours(1);
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.View("account", "books-1") with { Timestamp = at },
            PersonalizationEvent.Click("account", "books-2") with { Timestamp = at },
            PersonalizationEvent.View("guest", "hiking-1"),
            PersonalizationEvent.AddToCart("guest", "hiking-3"),
            PersonalizationEvent.Purchase("guest", "kitchen-3", 1, 12m),
            PersonalizationEvent.Dismiss("guest", "kitchen-4"),
            PersonalizationEvent.Rating("guest", "garden-2", 0.2f),
            PersonalizationEvent.StatedCategoryPreference("guest", "books", likes: true),
        ];
        foreach (var e in events)
        {
            sdk.Personalizer.Track(e);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Track_of_events_it_rejects_allocates_nothing()
    {
        using var sdk = WarmSdk();
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.Purchase("account", "books-1", 0, 10m),
            PersonalizationEvent.Purchase("account", "books-1", 1, -5m),
            PersonalizationEvent.Rating("account", "books-2", float.NaN),
            PersonalizationEvent.View("account", "books-1") with { Timestamp = sdk.Time.GetUtcNow() + TimeSpan.FromDays(30) },
        ];
        foreach (var e in events)
        {
            sdk.Personalizer.Track(e);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Track_without_consent_by_default_allocates_nothing()
    {
        using var sdk = WarmSdk(options => options.DefaultConsent = ConsentFlags.None);
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.View("anon", "books-1"),
            PersonalizationEvent.Click("anon", "books-2"),
            PersonalizationEvent.Purchase("anon", "books-3"),
        ];
        foreach (var e in events)
        {
            sdk.Personalizer.Track(e);
        }

        Assert.Equal(0, Measure(i => sdk.Personalizer.Track(events[i % events.Length])));
    }

    [Fact]
    public void Holdout_assignment_through_the_public_assigner_with_layers_allocates_nothing()
    {
        using var services = new PersonalizerBuilder()
            .AddCatalog(TestCatalog.Items)
            .AddHoldout("a", 2_000, salt: "x", layer: "x")
            .AddHoldout("b", 2_000, salt: "x", layer: "x", bucketStart: 2_000)
            .AddHoldout("c", 500, hasher: BucketHashers.GrowthBookV2)
            .BuildServices();
        var assigner = services.Holdouts;
        var key = new string('k', 600);

        Assert.Equal(0, Measure(() =>
        {
            assigner.Assign("a", "user-1");
            assigner.Assign("b", "user-1");
            assigner.Assign("c", "user-1");
            assigner.Assign("a", key);
        }));
    }

    private sealed class NullSink : IExposureSink
    {
        public static long Exposures;

        public void RecordExposure(in Exposure exposure) => Interlocked.Increment(ref Exposures);

        public void RecordOutcome(in Outcome outcome)
        {
        }
    }

}
