using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>A shadow personalizer builds state apart from the live one, and tells nobody.</summary>
public sealed class ShadowTests : IDisposable
{
    private readonly CountingSink _sink = new();
    private readonly TestSdk _live;

    public ShadowTests()
    {
        _live = new TestSdk(build: builder =>
        {
            builder.AddHoldout("global", basisPoints: 5_000);
            builder.Services.AddSingleton<IChangeJournal>(new LoopbackJournal());
            builder.Services.AddSingleton<IExposureSink>(_sink);
        });
    }

    [Fact]
    public void Changes_replayed_into_the_shadow_change_its_state_and_not_the_live_one()
    {
        _live.View("resident", "books-1");
        var liveBefore = StateSnapshotTests.Write(_live).Counts;
        using var shadow = Composition().CreateShadow();
        var replica = (IReplica)shadow;

        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "kitchen-1") with { Timestamp = _live.Time.GetUtcNow() });
        replica.ApplyEvent("visitor", PersonalizationEvent.Purchase("visitor", "kitchen-2", 1, 20m) with { Timestamp = _live.Time.GetUtcNow() });
        replica.ApplyEvent(null, PersonalizationEvent.View("anonymous", "garden-1") with { Timestamp = _live.Time.GetUtcNow() });
        replica.ApplyStitch("visitor", "victor", TestSdk.Start);
        replica.ApplyExposure("global", "visitor", HoldoutArm.Treatment, _live.Time.GetUtcNow());
        replica.ApplyForget("someone-else", _live.Time.GetUtcNow());
        shadow.Rank(new PersonalizationRequest("victor"));

        var shadowCounts = shadow.WriteState(new System.Buffers.ArrayBufferWriter<byte>());
        Assert.Equal(1, shadowCounts.Profiles);
        Assert.Equal(2, shadowCounts.Aliases);
        Assert.Equal(3, shadowCounts.Items);
        Assert.Equal(1, shadowCounts.MeasuredUnits);
        Assert.Equal(1, shadowCounts.Erasures);
        Assert.Equal(liveBefore, StateSnapshotTests.Write(_live).Counts);
        Assert.Null(_live.Personalizer.GetPersonalData("victor").Profile);
        Assert.Equal(0, _sink.Calls);
    }

    [Fact]
    public void What_the_shadow_does_counts_nothing_in_the_live_metrics()
    {
        // A snapshot replays every change through a shadow: counted live, each would be counted twice
        // on the server writing snapshots (events skipped, evictions, decisions).
        var liveMeters = _live.Services.GetRequiredService<IMeterFactory>();
        var measured = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, liveMeters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => { lock (measured) { measured.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => { lock (measured) { measured.Add(instrument.Name); } });
        listener.SetMeasurementEventCallback<int>((instrument, _, _, _) => { lock (measured) { measured.Add(instrument.Name); } });
        listener.Start();
        _live.Personalizer.Rank(new PersonalizationRequest("resident"));
        var live = measured.Count;
        Assert.True(live > 0, "the listener sees the live personalizer's measurements");

        using var shadow = Composition().CreateShadow();
        var replica = (IReplica)shadow;
        var now = _live.Time.GetUtcNow();
        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "kitchen-1") with { Timestamp = now });
        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "no-such-item") with { Timestamp = now });
        replica.ApplyStitch("visitor", "victor", TestSdk.Start);
        replica.ApplyExposure("global", "visitor", HoldoutArm.Treatment, now);
        replica.ApplyForget("victor", now);
        replica.ApplyEvent("victor", PersonalizationEvent.View("victor", "kitchen-2") with { Timestamp = now });
        shadow.Rank(new PersonalizationRequest("someone"));

        Assert.Empty(measured.Skip(live));
    }

    [Fact]
    public void A_shadow_judges_events_against_when_the_erasure_was_made_not_when_it_replays_it()
    {
        // A snapshot replays the journal minutes after the fact. The erasure at t0 must still drop an
        // event tracked before it (in flight when it was made), and must keep one tracked after it.
        var t0 = _live.Time.GetUtcNow();
        _live.Time.Advance(TimeSpan.FromMinutes(10));
        using var shadow = Composition().CreateShadow();
        var replica = (IReplica)shadow;

        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "kitchen-1") with { Timestamp = t0.AddMinutes(-2) });
        replica.ApplyForget("visitor", t0);
        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "kitchen-2") with { Timestamp = t0.AddSeconds(-30) });
        replica.ApplyEvent("visitor", PersonalizationEvent.View("visitor", "garden-1") with { Timestamp = t0.AddMinutes(1) });

        var data = shadow.GetPersonalData("visitor").ToJson();
        Assert.Contains("garden-1", data, StringComparison.Ordinal);
        Assert.DoesNotContain("kitchen-1", data, StringComparison.Ordinal);
        Assert.DoesNotContain("kitchen-2", data, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exposure_made_before_an_erasure_and_replayed_after_it_is_not_measured()
    {
        // A decision in flight when the person was erased journals its exposure before it undoes it.
        var t0 = _live.Time.GetUtcNow();
        using var shadow = Composition().CreateShadow();
        var replica = (IReplica)shadow;

        replica.ApplyForget("visitor", t0);
        replica.ApplyExposure("global", "visitor", HoldoutArm.Treatment, t0.AddSeconds(-1));
        Assert.Empty(shadow.GetPersonalData("visitor").Holdouts);

        replica.ApplyExposure("global", "visitor", HoldoutArm.Treatment, t0.AddSeconds(1));
        Assert.Single(shadow.GetPersonalData("visitor").Holdouts);
    }

    [Fact]
    public void An_erasure_record_is_carried_into_later_snapshots_only_while_the_erasure_is_recent()
    {
        // Each snapshot merges the one before: were the record's five minutes to restart at each
        // merge, the person's keys would stay in Redis's snapshots for ever.
        var first = Composition().CreateShadow();
        ((IReplica)first).ApplyForget("visitor", _live.Time.GetUtcNow());
        var state = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(1, first.WriteState(state).Erasures);
        first.Dispose();

        _live.Time.Advance(TimeSpan.FromMinutes(4));
        using var second = Composition().CreateShadow();
        second.MergeState(new System.Buffers.ReadOnlySequence<byte>(state.WrittenMemory));
        var again = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(1, second.WriteState(again).Erasures);

        _live.Time.Advance(TimeSpan.FromMinutes(2));
        using var third = Composition().CreateShadow();
        third.MergeState(new System.Buffers.ReadOnlySequence<byte>(again.WrittenMemory));
        Assert.Equal(0, third.WriteState(new System.Buffers.ArrayBufferWriter<byte>()).Erasures);
    }

    [Fact]
    public void A_snapshot_of_the_shadow_merged_into_the_live_personalizer_brings_its_people()
    {
        using var shadow = Composition().CreateShadow();
        ((IReplica)shadow).ApplyEvent("visitor", PersonalizationEvent.View("visitor", "kitchen-1") with { Timestamp = _live.Time.GetUtcNow() });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        shadow.WriteState(buffer);

        StateSnapshotTests.Impl(_live).MergeState(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal(shadow.GetPersonalData("visitor").ToJson(), _live.Personalizer.GetPersonalData("visitor").ToJson());
    }

    [Fact]
    public void Disposing_the_shadow_detaches_its_statistics_from_the_shared_catalog()
    {
        var catalog = (CatalogStore)_live.Catalog;
        var attached = catalog.AttachedCount;
        var shadow = Composition().CreateShadow();
        Assert.Equal(attached + 1, catalog.AttachedCount);

        shadow.Dispose();

        Assert.Equal(attached, catalog.AttachedCount);
    }

    public void Dispose() => _live.Dispose();

    private PersonalizationComposition Composition() => _live.Services.GetRequiredService<PersonalizationComposition>();

    private sealed class CountingSink : IExposureSink
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void RecordExposure(in Exposure exposure) => Interlocked.Increment(ref _calls);

        public void RecordOutcome(in Outcome outcome) => Interlocked.Increment(ref _calls);
    }
}
