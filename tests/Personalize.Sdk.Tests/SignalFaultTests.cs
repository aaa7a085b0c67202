using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Signals;
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
