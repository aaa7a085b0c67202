using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Diagnostics;

/// <summary>A host's logging provider that throws must not fail the request the SDK logs about.</summary>
public sealed class ThrowingLoggerTests
{
    [Fact]
    public void A_throwing_logging_provider_fails_neither_the_decision_that_pauses_its_placement_nor_a_rejected_event()
    {
        var provider = new ThrowingLoggerProvider();
        using var sdk = new TestSdk(
            options => options.Placements["home"] = new PlacementOptions { AutoPause = true },
            builder => builder.Services.AddLogging(logging => logging.AddProvider(provider)));
        sdk.Rank("u");
        sdk.Time.Advance(TimeSpan.FromDays(8));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });
        var tracked = Record.Exception(() => sdk.Personalizer.Track(PersonalizationEvent.View("u", "not-in-the-catalog")));

        Assert.Equal(DecisionReason.Paused, decision.Reason);
        Assert.Null(tracked);
        Assert.True(provider.Thrown >= 2, $"the provider threw {provider.Thrown} times: the test did not reach the logging it guards");
    }

    [Fact]
    public void A_throwing_provider_does_not_fail_a_decision_whose_signal_fault_is_logged()
    {
        var provider = new ThrowingLoggerProvider();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.Services.AddLogging(logging => logging.AddProvider(provider));
            builder.AddSignal(new Broken(), 1f, 1f);
        });

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u"));

        Assert.NotEmpty(decision.Items);
        Assert.True(provider.Thrown >= 1);
    }

    private sealed class Broken : ISignalProvider
    {
        public string Name => "broken";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) => throw new InvalidOperationException("down");
    }
}
