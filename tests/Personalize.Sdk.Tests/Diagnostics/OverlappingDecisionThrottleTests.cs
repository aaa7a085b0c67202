using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Diagnostics;

/// <summary>
/// README: a signal that throws is "logged at most once a minute". Throttles are given the time a
/// decision began, so two overlapping decisions that fault out of the order they began in must not
/// both log (one a moment behind the last log is no clock set back).
/// </summary>
public sealed class OverlappingDecisionThrottleTests
{
    [Fact]
    public void A_failing_signal_is_logged_at_most_once_a_minute_when_concurrent_decisions_fail_out_of_order()
    {
        // README "Signals": "A provider that throws loses only its own column ... (logged at most once a minute, counted)".
        var logs = new FakeLogCollector();
        var signal = new BrokenSignal();
        using var sdk = new TestSdk(build: builder => builder
            .AddSignal(signal, 1f, 1f)
            .Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));

        // Decision A begins at T; while its signal runs (a slow cache), a second later decision B
        // begins on another request's thread and its signal fails at once. Then A's signal fails.
        signal.Race = () =>
        {
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
            Task.Run(() => sdk.Rank("bob", 3)).Wait();
        };
        sdk.Rank("ann", 3);
        Assert.Null(signal.Race);

        var faults = logs.GetSnapshot().Count(record => record.Message.Contains("Signal provider 'broken' failed", StringComparison.Ordinal));
        Assert.True(faults == 1, $"the broken signal was logged {faults} times within one second");
    }

    private sealed class BrokenSignal : ISignalProvider
    {
        public Action? Race;

        public string Name => "broken";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            Interlocked.Exchange(ref Race, null)?.Invoke();
            throw new InvalidOperationException("down on purpose");
        }
    }
}
