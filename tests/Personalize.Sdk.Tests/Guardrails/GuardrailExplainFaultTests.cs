using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>A guardrail whose <see cref="IGuardrail.Explain"/> throws: the removal stands and is named, the fault is counted and logged.</summary>
public sealed class GuardrailExplainFaultTests
{
    private const string Secret = "visitor-7731 holds card 4111";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_throwing_or_null_Explain_keeps_the_removal_names_the_guardrail_and_leaves_the_decision_alone(bool returnsNull)
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new UnexplainedGuardrail(returnsNull)));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.NoHistory), (decision.Variant, decision.Reason));
        Assert.DoesNotContain(decision.Items, item => item.ItemKey == "hiking-1");
        var removal = Assert.Single(decision.Explanation!.Removed);
        Assert.Equal(("hiking-1", "unexplained", "Removed by unexplained."), (removal.ItemKey, removal.Guardrail, removal.Reason));
    }

    [Fact]
    public void A_throwing_Explain_is_counted_in_the_guardrail_faults_by_guardrail()
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new UnexplainedGuardrail()));
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.guardrail.faults");

        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });
        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16 });

        var fault = Assert.Single(faults.GetMeasurementSnapshot());
        Assert.Equal(1, fault.Value);
        Assert.Equal("unexplained", fault.Tags["guardrail"]);
    }

    [Fact]
    public void A_throwing_Explain_is_logged_by_the_exception_type_at_most_once_a_minute()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddGuardrail(new UnexplainedGuardrail());
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });

        for (var i = 0; i < 3; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true });
        }

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true });

        var lines = logs.GetSnapshot().Where(r => r.Message.Contains("Guardrail 'unexplained'", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(LogLevel.Warning, line.Level);
            Assert.Contains("System.InvalidOperationException", line.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, line.Message, StringComparison.Ordinal);
            Assert.Null(line.Exception);
        });
    }

    [Fact]
    public void An_Explain_that_returns_null_is_counted_and_logged_as_a_fault()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddGuardrail(new UnexplainedGuardrail(returnsNull: true));
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });
        using var faults = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.guardrail.faults");

        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true });

        Assert.Equal("unexplained", Assert.Single(faults.GetMeasurementSnapshot()).Tags["guardrail"]);
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("Guardrail 'unexplained' could not explain a removal: its Explain returned null", StringComparison.Ordinal));
    }

    /// <summary>Removes hiking-1 and cannot say why: it returns null, or throws an exception whose message carries data that must not be logged.</summary>
    private sealed class UnexplainedGuardrail(bool returnsNull = false) : IGuardrail
    {
        public string Name => "unexplained";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                if (context.GetItem(candidates[i]).Key == "hiking-1")
                {
                    eligible[i] = false;
                }
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => returnsNull ? null! : throw new InvalidOperationException(Secret);
    }
}
