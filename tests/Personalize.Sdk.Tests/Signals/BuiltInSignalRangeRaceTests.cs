using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Signals;

/// <summary>
/// README, Signals: "Each signal writes one column of values in [0, 1]; a value outside it is clamped,
/// NaN and infinity count as 0, and both are counted in personalize.signal.invalid_values." The
/// built-in normalised signals must themselves stay in [0, 1] while events are tracked concurrently,
/// or a healthy host sees its own built-ins counted (and logged) as faulty.
/// </summary>
public sealed class BuiltInSignalRangeRaceTests
{
    [Theory]
    [InlineData(BuiltInSignals.Popularity)]
    [InlineData(BuiltInSignals.Trending)]
    [InlineData(BuiltInSignals.CategoryPopularity)]
    public async Task A_normalised_built_in_signal_never_writes_values_above_one_while_events_are_tracked(string signal)
    {
        // Every item equally popular: an event on any item during a decision lifts it above the
        // maximum the signal found in its first pass over the candidates.
        CatalogItem[] items = [.. Enumerable.Range(0, 20_000).Select(i => new CatalogItem { Key = $"item-{i}", Category = $"c{i % 50}" })];
        using var sdk = new TestSdk(TestSdk.Only(signal), catalog: items);
        using var invalid = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.signal.invalid_values");
        foreach (var item in items)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View("seed", item.Key));
        }

        using var stop = new CancellationTokenSource();
        var tracker = Task.Run(() =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View("shopper-" + (i % 100), items[i++ % items.Length].Key));
            }
        });

        try
        {
            for (var decision = 0; decision < 2_000 && invalid.GetMeasurementSnapshot().Count == 0; decision++)
            {
                sdk.Personalizer.Rank(new PersonalizationRequest("reader") { Count = 10 });
            }
        }
        finally
        {
            await stop.CancelAsync();
            await tracker;
        }

        var counted = invalid.GetMeasurementSnapshot().Where(m => Equals(m.Tags["signal"], signal)).Sum(m => m.Value);
        Assert.True(counted == 0, $"the built-in '{signal}' signal was counted with {counted} values outside [0, 1] in personalize.signal.invalid_values");
    }
}
