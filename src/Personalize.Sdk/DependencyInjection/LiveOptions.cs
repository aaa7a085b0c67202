namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Which options change live and which need a restart. Live: <see cref="PersonalizationOptions.KillSwitch"/>,
/// <see cref="PersonalizationOptions.MinConfidence"/>, <see cref="PersonalizationOptions.MaxCount"/>,
/// <see cref="PersonalizationOptions.MaxPerCategory"/>, <see cref="PersonalizationOptions.Weights"/>, <see cref="PersonalizationOptions.ColdStartWeights"/>,
/// and each existing placement's <see cref="PlacementOptions.Weights"/>,
/// <see cref="PlacementOptions.ColdStartWeights"/> and <see cref="PlacementOptions.Count"/> (the
/// default placement exists whether or not it was configured).
/// Everything else is read once, at start: changing holdouts live would corrupt their measurement,
/// and capacities, decay, guardrail, readiness and catalog settings shape state built at start.
/// </summary>
internal static class LiveOptions
{
    /// <summary>
    /// The options at start with the live settings of <paramref name="next"/>: what the SDK runs with
    /// after a reload. A placement <paramref name="next"/> no longer has keeps the live settings in
    /// force (<paramref name="current"/>): removing a placement is a change of structure, ignored until
    /// a restart, so it must not quietly undo an earlier reload's weights either.
    /// </summary>
    public static PersonalizationOptions Merge(PersonalizationOptions start, PersonalizationOptions current, PersonalizationOptions next)
    {
        var merged = OptionsCopy.Of(start);
        merged.KillSwitch = next.KillSwitch;
        merged.MinConfidence = next.MinConfidence;
        merged.MaxCount = next.MaxCount;
        merged.MaxPerCategory = next.MaxPerCategory;
        Replace(merged.Weights, next.Weights);
        Replace(merged.ColdStartWeights, next.ColdStartWeights);
        foreach (var (name, placement) in merged.Placements)
        {
            if (placement is null)
            {
                continue;
            }

            var live = next.Placements.TryGetValue(name, out var changed) && changed is not null ? changed
                : current.Placements.TryGetValue(name, out var inForce) && inForce is not null ? inForce
                : null;
            if (live is not null)
            {
                Replace(placement.Weights, live.Weights);
                Replace(placement.ColdStartWeights, live.ColdStartWeights);
                placement.Count = live.Count;
            }
        }

        // The default placement exists whether or not it was configured: a reload may give it weights
        // or a count as it may any existing placement's. What else the entry sets is its structure,
        // read at start: it is compared like the others' and warned of, never a reason to drop the
        // live settings beside it.
        if (!merged.Placements.ContainsKey(PersonalizationRequest.DefaultPlacement)
            && next.Placements.TryGetValue(PersonalizationRequest.DefaultPlacement, out var configured)
            && configured is not null)
        {
            var added = new PlacementOptions { Count = configured.Count };
            Replace(added.Weights, configured.Weights);
            Replace(added.ColdStartWeights, configured.ColdStartWeights);
            merged.Placements[PersonalizationRequest.DefaultPlacement] = added;
        }
        else if (merged.Placements.TryGetValue(PersonalizationRequest.DefaultPlacement, out var started)
            && started is not null
            && IsWeightsAndCountOnly(started)
            && !next.Placements.ContainsKey(PersonalizationRequest.DefaultPlacement))
        {
            // Its weights and count set at start and no longer: back to an unconfigured default's.
            merged.Placements.Remove(PersonalizationRequest.DefaultPlacement);
        }

        return merged;
    }

    /// <summary>The names of the options that differ between <paramref name="start"/> and <paramref name="next"/> but only take effect at start.</summary>
    public static List<string> RestartOnlyChanges(PersonalizationOptions start, PersonalizationOptions next)
    {
        var changes = new List<string>();
        Compare(changes, nameof(start.PopularityHalfLife), start.PopularityHalfLife, next.PopularityHalfLife);
        Compare(changes, nameof(start.TrendHalfLife), start.TrendHalfLife, next.TrendHalfLife);
        Compare(changes, nameof(start.AffinityHalfLife), start.AffinityHalfLife, next.AffinityHalfLife);
        Compare(changes, nameof(start.MaxProfiles), start.MaxProfiles, next.MaxProfiles);
        Compare(changes, nameof(start.ProfileIdleExpiration), start.ProfileIdleExpiration, next.ProfileIdleExpiration);
        Compare(changes, nameof(start.MaxAliasesPerProfile), start.MaxAliasesPerProfile, next.MaxAliasesPerProfile);
        Compare(changes, nameof(start.DefaultConsent), start.DefaultConsent, next.DefaultConsent);
        Compare(changes, nameof(start.FreshnessPeriod), start.FreshnessPeriod, next.FreshnessPeriod);
        Compare(changes, nameof(start.AttributionWindow), start.AttributionWindow, next.AttributionWindow);
        Compare(changes, nameof(start.MaxMeasuredUnits), start.MaxMeasuredUnits, next.MaxMeasuredUnits);
        Compare(changes, nameof(start.CatalogPath), start.CatalogPath, next.CatalogPath);
        Compare(changes, nameof(start.Catalog), Describe(start.Catalog), Describe(next.Catalog));
        Compare(changes, nameof(start.Holdouts), Describe(start.Holdouts), Describe(next.Holdouts));
        Compare(changes, nameof(start.Guardrails), Describe(start.Guardrails), Describe(next.Guardrails));
        Compare(changes, nameof(start.Readiness), Describe(start.Readiness), Describe(next.Readiness));
        Compare(changes, nameof(start.Placements), Describe(start.Placements), Describe(next.Placements));
        Compare(changes, nameof(start.Learning), Describe(start.Learning), Describe(next.Learning));
        return changes;
    }

    private static void Compare<T>(List<string> changes, string option, T start, T next)
    {
        if (!EqualityComparer<T>.Default.Equals(start, next))
        {
            changes.Add($"PersonalizationOptions.{option}");
        }
    }

    private static void Replace<TValue>(IDictionary<string, TValue> target, IDictionary<string, TValue> source)
    {
        target.Clear();
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    // Canonical text of the restart-only parts, compared whole: a reload is rare, clarity beats speed.
    private static string Describe(IList<HoldoutOptions> holdouts) =>
        string.Join('\n', holdouts.Select(h => h is null ? "null" : $"{h.Name}|{h.Salt}|{h.BasisPoints}|{h.BucketStart}|{h.Layer}|{h.Hasher?.GetType().FullName}"));

    private static string Describe(GuardrailOptions g) =>
        $"{g.RecentPurchaseWindow}|{g.ComplaintSuppression}|{g.FrequencyCap}|{g.FrequencyCapWindow}|{Sorted(g.ReplenishableCategories.Select(p => $"{p.Key}={p.Value}"))}|{Sorted(g.SensitiveCategories)}|{Sorted(g.Disabled)}";

    private static string Describe(ReadinessOptions r)
    {
        var t = r.Thresholds;
        return string.Join(
            '|',
            r.Window,
            r.MinimumDecisions,
            r.AutoPause,
            r.PauseCheckInterval,
            r.ResumeFallbackRate,
            r.MinimumPause,
            t.IdentityResolutionReady,
            t.IdentityResolutionAtRisk,
            t.ProfileAgeMedianReady,
            t.ProfileAgeMedianAtRisk,
            t.ProfileAgeP90Ready,
            t.ProfileAgeP90AtRisk,
            t.PersonalizedShareReady,
            t.PersonalizedShareAtRisk,
            t.FallbackRateReady,
            t.FallbackRateAtRisk,
            t.SignalFaultRateReady,
            t.SignalFaultRateAtRisk,
            t.SignalInvalidRateReady,
            t.SignalInvalidRateAtRisk,
            t.SignalNonZeroShareReady,
            t.CatalogAgeReady,
            t.CatalogAgeAtRisk,
            t.CategorizedShareReady,
            t.CategorizedShareAtRisk,
            t.AttributedShareReady);
    }

    /// <summary>
    /// The placements' structure: which exist, their holdout, guardrails and pausing. Their weights and
    /// count are live. The default placement exists unconfigured too, so an entry for it that sets no
    /// more than those is no change of structure.
    /// </summary>
    private static string Describe(IDictionary<string, PlacementOptions> placements) =>
        Sorted(placements
            .Where(p => !(p.Key == PersonalizationRequest.DefaultPlacement && p.Value is not null && IsWeightsAndCountOnly(p.Value)))
            .Select(p => p.Value is null ? $"{p.Key}:null" : $"{p.Key}:{Structure(p.Value)}"));

    /// <summary>What of a placement is read at start only.</summary>
    private static string Structure(PlacementOptions placement) =>
        $"{placement.Holdout}|{placement.AutoPause}|{placement.LearningMode}|{Sorted(placement.DisabledGuardrails)}";

    /// <summary>Whether a placement sets nothing but what is live: its structure is an unconfigured placement's.</summary>
    private static bool IsWeightsAndCountOnly(PlacementOptions placement) => Structure(placement) == Structure(new PlacementOptions());

    /// <summary>Every item in full, in order: a change to any of an item's fields at a reload is a change of the catalog, read at start.</summary>
    private static string Describe(IList<CatalogItem> catalog) =>
        string.Concat(catalog.Select(i => i is null
            ? "null;"
            : $"{Field(i.Key)}{Field(i.Category)}{Field(i.Title)}{i.AddedAt?.UtcTicks};{i.IsPromotional};{i.IsAvailable};{string.Concat(i.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => Field(a.Key) + Field(a.Value)))};"));

    /// <summary>A value that cannot run into its neighbours, whatever characters it holds: its length, then itself.</summary>
    private static string Field(string? value) => value is null ? "-;" : $"{value.Length}:{value}";

    private static string Describe(LearningOptions l) =>
        $"{l.Mode}|{l.ExplorationRate}|{l.ExplorationSeed}|{l.RewardWaitTime}|{l.DefaultReward}|{l.UpdateInterval}|{l.MinSettledDecisions}|{l.TakeoverConfidence}|{l.CandidatePool}|{l.EvaluationWindow}|{l.MaxPendingDecisions}|{Sorted(l.OutcomeRewards.Select(p => $"{p.Key}={p.Value}"))}";

    private static string Sorted(IEnumerable<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));
}
