using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class SignalFaultTests
{
    [Fact]
    public void A_provider_that_throws_loses_only_its_own_column()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal(new ThrowingSignal(), 5f, 5f));
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.signal.faults");
        sdk.View("shopper", "garden-2", "garden-2");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("new-user"));

        Assert.Equal(DecisionVariant.ColdStart, decision.Variant);
        Assert.Equal("garden-2", decision.Items[0].ItemKey);
        Assert.Equal("throws", Assert.Single(faults.GetMeasurementSnapshot()).Tags["signal"]);
    }

    [Fact]
    public void Nan_and_infinite_values_count_as_zero_and_are_counted()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal(new NotANumberSignal(), 5f, 5f));
        using var invalid = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.signal.invalid_values");
        sdk.View("shopper", "garden-2", "garden-2");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("new-user"));

        Assert.Equal("garden-2", decision.Items[0].ItemKey);
        Assert.All(decision.Items, item => Assert.True(float.IsFinite(item.Score)));
        Assert.Equal(TestCatalog.Items.Count, Assert.Single(invalid.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void A_provider_writing_values_outside_zero_to_one_is_clamped_and_cannot_win_every_slot()
    {
        // Unclamped, 0.5 x 1e30 would put garden-2 first; clamped to 1 it scores 0.5, below
        // kitchen-1's popularity of 1 (its own -5 clamped to 0 takes nothing away).
        using var sdk = new TestSdk(
            TestSdk.Only(BuiltInSignals.Popularity),
            builder => builder.AddSignal(new HugeSignal("garden-2"), 0.5f, 0.5f));
        using var invalid = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.signal.invalid_values");
        sdk.View("shopper", "kitchen-1");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("new-user") { Candidates = new[] { "garden-2", "kitchen-1" } });

        Assert.Equal([new RankedItem("kitchen-1", 1f), new RankedItem("garden-2", 0.5f)], decision.Items);
        Assert.Equal(2, Assert.Single(invalid.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void When_every_signal_fails_the_decision_is_the_default_ranking_marked_fallback()
    {
        using var sdk = new TestSdk(
            options =>
            {
                foreach (var signal in BuiltInSignals.All)
                {
                    options.ColdStartWeights[signal] = 0f;
                }
            },
            builder => builder.AddSignal(new ThrowingSignal(), 1f, 1f));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("new-user") { Count = 3 });

        Assert.Equal(DecisionVariant.Fallback, decision.Variant);
        Assert.Equal(TestCatalog.Items.Take(3).Select(i => i.Key), decision.Items.Select(i => i.ItemKey));
    }

    private sealed class ThrowingSignal : ISignalProvider
    {
        public string Name => "throws";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) =>
            throw new InvalidOperationException("broken on purpose");
    }

    /// <summary>Writes 1e30 for one item and -5 for every other: a provider that ignores the [0, 1] contract.</summary>
    private sealed class HugeSignal(string itemKey) : ISignalProvider
    {
        public string Name => "huge";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = context.GetItem(candidates[i]).Key == itemKey ? 1e30f : -5f;
            }
        }
    }

    private sealed class NotANumberSignal : ISignalProvider
    {
        public string Name => "nan";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = i % 2 == 0 ? float.NaN : float.PositiveInfinity;
            }
        }
    }
}
