using System.Globalization;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Explanations;

/// <summary>The decision summary is written in the invariant culture, as every other text the SDK writes.</summary>
public sealed class SummaryCultureTests
{
    /// <summary>
    /// Every other text the SDK writes (LiftReport.ToTable, readiness tables, HoldoutAssignment.ToString,
    /// SignalContribution.ToString, EstimateInterval.ToString) is formatted with the invariant culture;
    /// the decision summary (README "A worked example": "Personalized from 8 events (profile confidence 0.80).")
    /// takes the host's culture: "0,63" in a German app. The repository's tests run with
    /// InvariantGlobalization=true, so they never see it.
    /// </summary>
    [Fact]
    public void The_decision_summary_reads_the_same_whatever_the_host_s_culture()
    {
        using var sdk = new TestSdk();
        for (var i = 0; i < 5; i++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View("visitor-42", "hiking-1"));
        }

        var before = CultureInfo.CurrentCulture;
        var commaDecimal = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaDecimal.NumberFormat.NumberDecimalSeparator = ",";
        commaDecimal.NumberFormat.NumberGroupSeparator = ".";
        string summary;
        try
        {
            CultureInfo.CurrentCulture = commaDecimal;
            summary = sdk.Personalizer.Rank(new PersonalizationRequest("visitor-42") { Explain = true }).Explanation!.Summary;
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }

        Assert.Matches(@"^Personalized from 5 events \(profile confidence \d\.\d\d\)\.$", summary);
    }
}
