using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Measurement;

/// <summary>One arm's bar on the lift chart: the SDK's numbers for the arm, and its rate's 95% interval.</summary>
/// <param name="Result">The arm as the lift report gives it.</param>
/// <param name="Interval">The 95% Wilson interval of its conversion rate.</param>
internal sealed record LiftBar(ArmResult Result, ConversionInterval Interval)
{
    public double Rate => Result.ConversionRate ?? 0;
}
