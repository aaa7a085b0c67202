using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

/// <summary><c>personalize.replica.events_skipped</c> counts, and says it counts, each case the README names.</summary>
[Collection(AllocationCollection.Name)]
public sealed class ReplicaSkipCounterTests
{
    [Fact]
    public void An_event_from_before_the_persons_erasure_is_counted_and_the_description_names_that_case()
    {
        using var sdk = new TestSdk();
        using var skipped = new MetricCollector<long>(sdk.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "Personalize.Sdk", "personalize.replica.events_skipped");
        sdk.View("ada", "books-1");
        var before = sdk.Time.GetUtcNow().AddSeconds(-1);
        sdk.Personalizer.Forget("ada");

        ((IReplica)sdk.Personalizer).ApplyEvent("ada", PersonalizationEvent.View("ada", "books-2") with { Timestamp = before });
        ((IReplica)sdk.Personalizer).ApplyEvent("bob", PersonalizationEvent.View("bob", "not-in-the-catalog") with { Timestamp = sdk.Time.GetUtcNow() });

        Assert.Equal(2, skipped.GetMeasurementSnapshot().Sum(m => m.Value));
        var description = PublishedInstruments.OfOneSdk().Single(i => i.Name == "personalize.replica.events_skipped").Description!;
        Assert.Contains("catalog does not know their item", description, StringComparison.Ordinal);
        Assert.Contains("erased", description, StringComparison.Ordinal);
    }
}
