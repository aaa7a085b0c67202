using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Measurement;

/// <summary>One arm's bar on the lift chart: the SDK's numbers for the arm, and its rate's 95% interval.</summary>
/// <param name="Result">The arm as the lift report gives it.</param>
/// <param name="Interval">The 95% Wilson interval of its conversion rate; null for an arm nobody was exposed in.</param>
internal sealed record LiftBar(ArmResult Result, ConversionInterval? Interval)
{
    /// <summary>The arm's conversion rate; null (n/a) for an arm nobody was exposed in, charted with no bar.</summary>
    public double? Rate => Result.ConversionRate;

    /// <summary>How high the bar is drawn: its rate, or nothing.</summary>
    public double Height => Rate ?? 0;
}
