using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Readiness;

namespace Personalize.Storefront.Pages;

internal sealed class ReadinessModel(IReadinessReporter reporter, IOptions<PersonalizationOptions> options) : PageModel
{
    public ReadinessReport Report { get; private set; } = null!;

    /// <summary>The placements judged in the window, or with something to act on: worst first (then in the report's order).</summary>
    public IReadOnlyList<PlacementVerdict> Judged { get; private set; } = [];

    /// <summary>The placements in use with too few decisions to judge: a line each.</summary>
    public IReadOnlyList<PlacementVerdict> Waiting { get; private set; } = [];

    /// <summary>The placements that made none: nothing to judge, so they are only listed.</summary>
    public IReadOnlyList<PlacementVerdict> Unused { get; private set; } = [];

    /// <summary>How many decisions a placement needs in the window before it is judged.</summary>
    public int MinimumDecisions => options.Value.Readiness.MinimumDecisions;

    /// <summary>
    /// When a page pauses itself and when it resumes, from the SDK's options: only its fallback rate
    /// and its catalog's age pause it (README, "Automatic pause"); every other figure only advises.
    /// </summary>
    public string PauseRule
    {
        get
        {
            var readiness = options.Value.Readiness;
            return $"A page pauses itself, and serves the default selection, only when more than {Percent(readiness.Thresholds.FallbackRateAtRisk)} "
                + $"of its decisions fell back (over at least {MinimumDecisions.ToString("N0", CultureInfo.InvariantCulture)} decisions) "
                + $"or its catalog is older than {Duration(readiness.Thresholds.CatalogAgeAtRisk)}; "
                + $"it resumes by itself, after at least {Duration(readiness.MinimumPause)}, once they recover. "
                + "Other figures that are not ready pause nothing: they come with advice.";
        }
    }

    public void OnGet()
    {
        Report = reporter.GetReport();
        var verdicts = Report.Placements.Select(placement => new PlacementVerdict(placement)).ToList();
        Judged = [.. verdicts.Where(verdict => verdict.IsInUse && !verdict.IsWaiting).OrderBy(verdict => verdict.Severity)];
        Waiting = [.. verdicts.Where(verdict => verdict.IsWaiting)];
        Unused = [.. verdicts.Where(verdict => !verdict.IsInUse)];
    }

    private static string Percent(double share) => share.ToString("0.#%", CultureInfo.InvariantCulture);

    /// <summary>"7 days", "1 minute": the largest whole unit, else the time span as it prints.</summary>
    private static string Duration(TimeSpan span) => span switch
    {
        _ when span.Ticks % TimeSpan.TicksPerDay == 0 && span >= TimeSpan.FromDays(1) => Count(span.Days, "day"),
        _ when span.Ticks % TimeSpan.TicksPerHour == 0 && span >= TimeSpan.FromHours(1) => Count((int)span.TotalHours, "hour"),
        _ when span.Ticks % TimeSpan.TicksPerMinute == 0 && span >= TimeSpan.FromMinutes(1) => Count((int)span.TotalMinutes, "minute"),
        _ when span.Ticks % TimeSpan.TicksPerSecond == 0 => Count((int)span.TotalSeconds, "second"),
        _ => span.ToString("c", CultureInfo.InvariantCulture),
    };

    private static string Count(int value, string unit) => $"{value.ToString(CultureInfo.InvariantCulture)} {unit}{(value == 1 ? string.Empty : "s")}";
}
