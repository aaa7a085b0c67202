using System.Globalization;
using System.Text;
using System.Text.Json;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Reporting;

/// <summary>What every learning placement has learned and which policy serves it: one server's view.</summary>
public sealed class LearningReport
{
    /// <summary>Creates a report, for example in a test fake of <see cref="ILearningReporter"/>.</summary>
    /// <param name="generatedAt">When it was computed.</param>
    /// <param name="placements">Each learning placement's state.</param>
    /// <exception cref="ArgumentNullException"><paramref name="placements"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="placements"/> holds a null element.</exception>
    public LearningReport(DateTimeOffset generatedAt, IReadOnlyList<PlacementLearning> placements)
    {
        ListArguments.ThrowIfNullOrHoldsNull(placements);
        GeneratedAt = generatedAt;
        Placements = placements;
    }

    /// <summary>When it was computed.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Each learning placement's state, in placement order (the default placement first).</summary>
    public IReadOnlyList<PlacementLearning> Placements { get; }

    /// <summary>The report as indented JSON (camelCase; undefined numbers are <c>"NaN"</c>).</summary>
    /// <returns>The JSON document.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, LearningReportJsonContext.Default.LearningReport);

    /// <summary>The report as a plain-text table for logs and consoles.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Learning report (at {GeneratedAt:u}), one server's view\n");
        text.Append(CultureInfo.InvariantCulture, $"{"placement",-16} {"mode",-10} {"serving",-8} {"version",7} {"decisions",10} {"settled",10} {"rewarded",10}  most important signals\n");
        foreach (var placement in Placements)
        {
            text.Append(CultureInfo.InvariantCulture, $"{placement.Placement,-16} {placement.Mode,-10} {placement.Serving,-8} {placement.PolicyVersion,7} {placement.Decisions,10} {placement.SettledDecisions,10} {placement.RewardedDecisions,10}  {string.Join(", ", placement.Importance.Take(3))}\n");
            foreach (var online in placement.Online)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {online.Policy,-8} {online.Decisions,10} decisions, mean reward {Number(online.Mean)} (95% CI {Number(online.Lower)} to {Number(online.Upper)})\n");
            }
        }

        return text.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
