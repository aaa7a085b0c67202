using Personalize.Sdk.Catalog;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Readiness;

/// <summary>Turns one placement's counters into figures, each judged against its threshold, with advice.</summary>
internal static class ReadinessJudge
{
    private const string NoAction = "No action needed.";
    private const string TooFew = "Too few decisions in the window to judge yet.";

    public static PlacementReadiness Judge(ReadinessInput input, ReadinessOptions options, ReadinessRules rules, PlacementPause? pause)
    {
        var t = options.Thresholds;
        var c = input.Counters;
        var decisions = c[ReadinessCounter.Decisions];
        var enough = decisions >= options.MinimumDecisions;
        var figures = new List<ReadinessFigure>();

        // Identity: decisions on this placement and every event, since events name no placement;
        // judged only once the placement itself has enough decisions.
        var identified = c[ReadinessCounter.KnownDecisions] + input.Events[ReadinessCounter.KnownEvents];
        var seen = decisions + input.Events[ReadinessCounter.Events];
        figures.Add(Share(
            ReadinessArea.Identity, "identity resolution", identified, seen, enough, t.IdentityResolutionReady, t.IdentityResolutionAtRisk,
            "Call Identify when a visitor signs in, and send the signed-in key with every event and request."));

        var ages = c.AsSpan(ReadinessCounter.ProfileAges, ProfileAgeHistogram.Bins);
        figures.Add(Age("profile age, median", ProfileAgeHistogram.Quantile(ages, 0.5), enough, t.ProfileAgeMedianReady, t.ProfileAgeMedianAtRisk));
        figures.Add(Age("profile age, p90", ProfileAgeHistogram.Quantile(ages, 0.9), enough, t.ProfileAgeP90Ready, t.ProfileAgeP90AtRisk));

        var coverage = Coverage(c);
        figures.Add(Share(
            ReadinessArea.Coverage, "personalized share", c[ReadinessCounter.Personalized], decisions, enough, t.PersonalizedShareReady, t.PersonalizedShareAtRisk,
            "Most decisions are cold start: track more events per visitor (views and clicks, not only purchases), or lower MinConfidence."));
        figures.Add(Rate(
            ReadinessArea.Coverage, "fallback rate", c[ReadinessCounter.Failed], decisions, enough, t.FallbackRateReady, t.FallbackRateAtRisk,
            "Decisions fall back on their own: see the personalize.fallbacks metric by reason and the logged provider and guardrail faults."));

        var signals = new List<SignalHealth>();
        for (var s = 0; s < rules.Signals.Length; s++)
        {
            if (input.Plan.IsWeighted(s))
            {
                var (health, figure) = Signal(rules.Signals[s].Name, c.AsSpan(ReadinessCounter.Signal(s, 0), ReadinessCounter.PerSignal), enough, options);
                signals.Add(health);
                figures.Add(figure);
            }
        }

        figures.AddRange(Catalog(input.Catalog, input.Now, t));
        figures.AddRange(Rules(input.Plan, rules, input.Now));

        var worst = ReadinessStatus.Ready;
        foreach (var figure in figures)
        {
            if (figure.Status != ReadinessStatus.InsufficientData && figure.Status > worst)
            {
                worst = figure.Status;
            }
        }

        var status = !enough && worst != ReadinessStatus.NotReady ? ReadinessStatus.InsufficientData : worst;
        var state = pause?.State;
        var paused = state?.IsPaused == true;
        return new PlacementReadiness(
            input.Plan.Name,
            status,
            pause is not null,
            paused,
            paused ? new DateTimeOffset(state!.SinceTicks, TimeSpan.Zero) : null,
            paused ? state!.Reason : null,
            coverage,
            signals,
            figures);
    }

    /// <summary>How old the catalog snapshot is; null when the catalog is empty.</summary>
    public static TimeSpan? CatalogAge(CatalogSnapshot snapshot, DateTimeOffset now) =>
        snapshot.Count == 0 ? null : now - snapshot.CreatedAt;

    private static ReadinessCoverage Coverage(long[] c)
    {
        var decisions = c[ReadinessCounter.Decisions];
        double Of(int counter) => decisions > 0 ? (double)c[counter] / decisions : 0;
        return new ReadinessCoverage(
            decisions,
            Of(ReadinessCounter.Personalized),
            Of(ReadinessCounter.ColdStart),
            Of(ReadinessCounter.Control),
            Of(ReadinessCounter.Fallback),
            Of(ReadinessCounter.Failed));
    }

    private static (SignalHealth, ReadinessFigure) Signal(string name, ReadOnlySpan<long> counters, bool enough, ReadinessOptions options)
    {
        var t = options.Thresholds;
        var computations = counters[ReadinessCounter.SignalComputations];
        var candidates = counters[ReadinessCounter.SignalCandidates];
        var faultRate = computations > 0 ? (double)counters[ReadinessCounter.SignalFaults] / computations : 0;
        var invalidRate = candidates > 0 ? (double)counters[ReadinessCounter.SignalInvalid] / candidates : 0;
        var nonZero = candidates > 0 ? (double)counters[ReadinessCounter.SignalNonZero] / candidates : 0;
        var faults = Lower(faultRate, t.SignalFaultRateReady, t.SignalFaultRateAtRisk);
        var invalid = Lower(invalidRate, t.SignalInvalidRateReady, t.SignalInvalidRateAtRisk);
        var informative = nonZero >= t.SignalNonZeroShareReady ? ReadinessStatus.Ready : ReadinessStatus.AtRisk;
        // Judged once the placement has enough decisions, like every figure drawn from decisions, and
        // the signal ran in any of them: one weighed only for people with history may run in few.
        var status = !enough || computations == 0 ? ReadinessStatus.InsufficientData : Worst(faults, Worst(invalid, informative));
        var advice = status switch
        {
            ReadinessStatus.InsufficientData => TooFew,
            ReadinessStatus.Ready => NoAction,
            _ when faults != ReadinessStatus.Ready => $"'{name}' throws: see its logged exception (personalize.signal.faults).",
            _ when invalid != ReadinessStatus.Ready => $"'{name}' returns NaN, infinity or values outside [0, 1]: check its arithmetic and normalisation (personalize.signal.invalid_values).",
            _ => $"'{name}' scores almost every candidate 0: feed it its input, or set its weight to 0 on this placement.",
        };
        var health = new SignalHealth(name, computations, faultRate, invalidRate, nonZero, status);
        var figure = new ReadinessFigure(
            ReadinessArea.SignalHealth,
            $"signal '{name}'",
            candidates > 0 ? nonZero : null,
            "ratio",
            computations == 0 ? "n/a" : $"{ReadinessFormat.Percent(faultRate)} faults, {ReadinessFormat.Percent(invalidRate)} invalid, {(candidates > 0 ? ReadinessFormat.Percent(nonZero) : "n/a")} non-zero",
            $"faults ready <= {ReadinessFormat.Percent(t.SignalFaultRateReady)}, not ready > {ReadinessFormat.Percent(t.SignalFaultRateAtRisk)}; invalid ready <= {ReadinessFormat.Percent(t.SignalInvalidRateReady)}, not ready > {ReadinessFormat.Percent(t.SignalInvalidRateAtRisk)}; non-zero ready >= {ReadinessFormat.Percent(t.SignalNonZeroShareReady)}, else at risk",
            status,
            advice);
        return (health, figure);
    }

    private static IEnumerable<ReadinessFigure> Catalog(CatalogSnapshot snapshot, DateTimeOffset now, ReadinessThresholds t)
    {
        var age = CatalogAge(snapshot, now);
        yield return age is { } old
            ? Judged(
                ReadinessArea.CatalogFreshness, "catalog age", old.TotalSeconds, "seconds", ReadinessFormat.Duration(old.TotalSeconds),
                $"ready <= {ReadinessFormat.Duration(t.CatalogAgeReady.TotalSeconds)}, not ready > {ReadinessFormat.Duration(t.CatalogAgeAtRisk.TotalSeconds)}",
                Lower(old.Ticks, t.CatalogAgeReady.Ticks, t.CatalogAgeAtRisk.Ticks),
                "Reload the catalog (ICatalog.Replace or Load) whenever products change, at least daily.")
            : new ReadinessFigure(ReadinessArea.CatalogFreshness, "catalog age", null, "seconds", "empty", "ready when not empty", ReadinessStatus.NotReady, "Load a catalog: AddCatalog, AddCatalogFile or ICatalog.Replace.");

        long categorized = 0, attributed = 0;
        foreach (var index in snapshot.AllIndices)
        {
            categorized += snapshot.GetCategory(index) != CatalogSnapshot.None ? 1 : 0;
            attributed += snapshot.GetAttributes(index).IsEmpty ? 0 : 1;
        }

        var items = snapshot.AllIndices.Length;
        yield return Share(
            ReadinessArea.CatalogFreshness, "items with a category", categorized, items, items > 0, t.CategorizedShareReady, t.CategorizedShareAtRisk,
            "Give every item a category: affinity signals, category popularity and reasons need it.");
        yield return Share(
            ReadinessArea.CatalogFreshness, "items with attributes", attributed, items, items > 0, t.AttributedShareReady, atRisk: null,
            "Give items attributes (brand, colour, size): attribute affinity and stated preferences match on them.");
    }

    private static IEnumerable<ReadinessFigure> Rules(Placements.PlacementPlan plan, ReadinessRules rules, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = new List<string>();
        var unmeasured = new List<string>();
        foreach (var rule in rules.Registry.Rules)
        {
            if (!InPlay(rule, plan, rules))
            {
                continue;
            }

            if (rule.Info.IsOverdue(today))
            {
                overdue.Add(rule.Name);
            }

            if (string.IsNullOrWhiteSpace(rule.Info.Metric))
            {
                unmeasured.Add(rule.Name);
            }
        }

        yield return Count("rules past their review date", overdue, "Review " + string.Join(", ", overdue) + " and move their ReviewBy date.");
        yield return Count("rules with no metric", unmeasured, "Register " + string.Join(", ", unmeasured) + " with a RuleInfo naming the metric each one moves.");
    }

    /// <summary>Whether a rule takes part in this placement's decisions.</summary>
    private static bool InPlay(RuleDescriptor rule, Placements.PlacementPlan plan, ReadinessRules rules)
    {
        switch (rule.Kind)
        {
            case RuleKind.Signal:
                var signal = Array.FindIndex(rules.Signals, s => s.Name == rule.Name);
                return signal >= 0 && plan.IsWeighted(signal);
            case RuleKind.Guardrail:
                var guardrail = Array.FindIndex(rules.Guardrails, g => g.Name == rule.Name);
                return guardrail >= 0 && plan.IsEnabled(guardrail);
            default:
                return rule.Enabled;
        }
    }

    private static ReadinessFigure Count(string name, List<string> rules, string advice) => new(
        ReadinessArea.RuleHygiene,
        name,
        rules.Count,
        "count",
        rules.Count == 0 ? "none" : $"{rules.Count}: {string.Join(", ", rules)}",
        "ready when none",
        rules.Count == 0 ? ReadinessStatus.Ready : ReadinessStatus.AtRisk,
        rules.Count == 0 ? NoAction : advice);

    /// <summary>A share where more is better; with no <paramref name="atRisk"/> bound it is never worse than at risk.</summary>
    private static ReadinessFigure Share(ReadinessArea area, string name, long part, long whole, bool enough, double ready, double? atRisk, string advice)
    {
        double? share = whole > 0 ? (double)part / whole : null;
        var status = !enough || share is null ? ReadinessStatus.InsufficientData : Higher(share.Value, ready, atRisk ?? 0);
        return Judged(area, name, share, "ratio", share is { } s ? ReadinessFormat.Percent(s) : "n/a",
            atRisk is { } bound
                ? $"ready >= {ReadinessFormat.Percent(ready)}, not ready < {ReadinessFormat.Percent(bound)}"
                : $"ready >= {ReadinessFormat.Percent(ready)}, else at risk",
            status,
            advice);
    }

    private static ReadinessFigure Rate(ReadinessArea area, string name, long part, long whole, bool enough, double ready, double atRisk, string advice)
    {
        double? rate = whole > 0 ? (double)part / whole : null;
        var status = !enough || rate is null ? ReadinessStatus.InsufficientData : Lower(rate.Value, ready, atRisk);
        return Judged(area, name, rate, "ratio", rate is { } r ? ReadinessFormat.Percent(r) : "n/a",
            $"ready <= {ReadinessFormat.Percent(ready)}, not ready > {ReadinessFormat.Percent(atRisk)}", status, advice);
    }

    private static ReadinessFigure Age(string name, double? seconds, bool enough, TimeSpan ready, TimeSpan atRisk)
    {
        var status = !enough || seconds is null ? ReadinessStatus.InsufficientData : Lower(seconds.Value, ready.TotalSeconds, atRisk.TotalSeconds);
        return Judged(
            ReadinessArea.ProfileFreshness, name, seconds, "seconds", seconds is { } s ? ReadinessFormat.Duration(s) : "n/a",
            $"ready <= {ReadinessFormat.Duration(ready.TotalSeconds)}, not ready > {ReadinessFormat.Duration(atRisk.TotalSeconds)}",
            status,
            "Profiles are stale: track events as they happen, not in nightly batches, and check that sign-in stitching keeps one profile per person.");
    }

    private static ReadinessFigure Judged(ReadinessArea area, string name, double? value, string unit, string display, string threshold, ReadinessStatus status, string advice) =>
        new(area, name, value, unit, display, threshold, status, status switch
        {
            ReadinessStatus.Ready => NoAction,
            ReadinessStatus.InsufficientData => TooFew,
            _ => advice,
        });

    private static ReadinessStatus Higher(double value, double ready, double atRisk) =>
        value >= ready ? ReadinessStatus.Ready : value >= atRisk ? ReadinessStatus.AtRisk : ReadinessStatus.NotReady;

    private static ReadinessStatus Lower(double value, double ready, double atRisk) =>
        value <= ready ? ReadinessStatus.Ready : value <= atRisk ? ReadinessStatus.AtRisk : ReadinessStatus.NotReady;

    private static ReadinessStatus Worst(ReadinessStatus a, ReadinessStatus b) => a > b ? a : b;
}
