using System.Globalization;
using System.Text;
using System.Text.Json;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.Reporting;

/// <summary>Is the data ready to personalize on? Every placement judged against documented thresholds.</summary>
public sealed class ReadinessReport
{
    private const string OneServersView = "one server's view: the decisions this server made and the events tracked on it; other servers report their own";

    /// <summary>Creates a report by hand, for example what a test fake of <see cref="IReadinessReporter"/> returns.</summary>
    /// <param name="generatedAt">When the report was computed.</param>
    /// <param name="window">The rolling window the figures were counted over.</param>
    /// <param name="placements">Every placement's readiness.</param>
    /// <exception cref="ArgumentNullException"><paramref name="placements"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="placements"/> holds a null element.</exception>
    public ReadinessReport(DateTimeOffset generatedAt, TimeSpan window, IReadOnlyList<PlacementReadiness> placements)
    {
        ListArguments.ThrowIfNullOrHoldsNull(placements);
        GeneratedAt = generatedAt;
        Window = window;
        Placements = placements;
    }

    /// <summary>When the report was computed.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>The rolling window the figures were counted over (<see cref="ReadinessOptions.Window"/>).</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// Whose figures these are: always one server's view. Readiness is counted from the decisions
    /// this process made and the events tracked on it; with several servers (sharing state through
    /// Redis or not), each reports its own traffic, and changes replayed from other servers are not
    /// counted again here. Printed at the top of <see cref="ToTable"/> and in <see cref="ToJson"/>.
    /// </summary>
    public string Scope => OneServersView;

    /// <summary>Every placement, the default first, then the configured ones by name.</summary>
    public IReadOnlyList<PlacementReadiness> Placements { get; }

    /// <summary>One placement's readiness.</summary>
    /// <param name="placement">The placement's name.</param>
    /// <returns>Its readiness.</returns>
    /// <exception cref="ArgumentException">No placement has that name.</exception>
    public PlacementReadiness this[string placement]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(placement);
            foreach (var readiness in Placements)
            {
                if (string.Equals(readiness.Placement, placement, StringComparison.Ordinal))
                {
                    return readiness;
                }
            }

            throw new ArgumentException($"No placement is named '{placement}'.", nameof(placement));
        }
    }

    /// <summary>The report as indented JSON (camelCase, enums as names).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, ReadinessJsonContext.Default.ReadinessReport);

    /// <summary>The report as a plain-text table for logs and consoles.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Readiness report (at {GeneratedAt:u}, window {ReadinessFormat.Duration(Window.TotalSeconds)}; {Scope})\n");
        foreach (var placement in Placements)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nplacement '{placement.Placement}': {ReadinessFormat.Status(placement.Status)}, {placement.Coverage.Decisions:N0} decisions");
            text.Append(placement.IsPaused
                ? string.Create(CultureInfo.InvariantCulture, $", PAUSED since {placement.PausedSince:u}: {placement.PauseReason}\n")
                : placement.AutoPause ? ", auto-pause on\n" : "\n");
            var coverage = placement.Coverage;
            text.Append(CultureInfo.InvariantCulture, $"  served: {ReadinessFormat.Percent(coverage.Personalized)} personalized, {ReadinessFormat.Percent(coverage.ColdStart)} cold start, {ReadinessFormat.Percent(coverage.Control)} control, {ReadinessFormat.Percent(coverage.Fallback)} fallback\n");
            text.Append(CultureInfo.InvariantCulture, $"  {"area",-18} {"figure",-32} {"value",-40} {"threshold",-38} {"status",-17} advice\n");
            foreach (var figure in placement.Figures)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {ReadinessFormat.Area(figure.Area),-18} {figure.Name,-32} {figure.Display,-40} {figure.Threshold,-38} {ReadinessFormat.Status(figure.Status),-17} {figure.Advice}\n");
            }
        }

        return text.ToString();
    }
}
