using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Measurement;

/// <summary>One lift estimate as a card on the lift page: its figure, interval, test and verdict.</summary>
/// <param name="Id">The card's element id ("conversion-lift").</param>
/// <param name="Label">What is lifted ("Conversion lift").</param>
/// <param name="Estimate">The SDK's estimate.</param>
internal sealed record LiftStat(string Id, string Label, LiftEstimate Estimate)
{
    /// <summary>The verdict, said the same way for every estimate; "no data yet" until there is a p-value.</summary>
    public string Verdict => Estimate switch
    {
        { PValue: null } => "no data yet",
        { IsSignificant: true } => "significant at 5%",
        _ => "not significant yet",
    };
}
