using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

public sealed class KillSwitchMeasurementTests
{
    [Fact]
    public void A_kill_switch_decision_whose_guardrail_failed_is_not_measured()
    {
        using var sdk = new TestSdk(options => options.KillSwitch = true, builder => builder.AddHoldout("site", 5_000).AddGuardrail(new ThrowingGuardrail()));

        var decision = sdk.Rank("user");

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (decision.Variant, decision.Reason));
        Assert.NotEmpty(decision.Items);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        Assert.Equal(0, report.Control.ExposedUnits + report.Treatment.ExposedUnits);
    }

    private sealed class ThrowingGuardrail : IGuardrail
    {
        public string Name => "throwing";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible) => throw new InvalidOperationException("broken");

        public string Explain(in DecisionContext context, int itemIndex) => "never";
    }
}
