namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// A deep copy of the options, taken when the SDK starts and on every accepted reload: the SDK never
/// reads the object the host configured again, so mutating it afterwards changes nothing.
/// Only the monitor (a configuration reload) changes live settings.
/// </summary>
internal static class OptionsCopy
{
    public static PersonalizationOptions Of(PersonalizationOptions source)
    {
        var copy = new PersonalizationOptions
        {
            MaxCount = source.MaxCount,
            MaxPerCategory = source.MaxPerCategory,
            PopularityHalfLife = source.PopularityHalfLife,
            TrendHalfLife = source.TrendHalfLife,
            AffinityHalfLife = source.AffinityHalfLife,
            MaxProfiles = source.MaxProfiles,
            ProfileIdleExpiration = source.ProfileIdleExpiration,
            KillSwitch = source.KillSwitch,
            MinConfidence = source.MinConfidence,
            MaxAliasesPerProfile = source.MaxAliasesPerProfile,
            DefaultConsent = source.DefaultConsent,
            FreshnessPeriod = source.FreshnessPeriod,
            AttributionWindow = source.AttributionWindow,
            MaxMeasuredUnits = source.MaxMeasuredUnits,
            CatalogPath = source.CatalogPath,
        };
        Fill(copy.Weights, source.Weights);
        Fill(copy.ColdStartWeights, source.ColdStartWeights);
        CopyGuardrails(source.Guardrails, copy.Guardrails);
        foreach (var holdout in source.Holdouts)
        {
            copy.Holdouts.Add(holdout is null ? null! : Copy(holdout));
        }

        foreach (var (name, placement) in source.Placements)
        {
            copy.Placements[name] = placement is null ? null! : Copy(placement);
        }

        CopyReadiness(source.Readiness, copy.Readiness);
        CopyLearning(source.Learning, copy.Learning);
        foreach (var item in source.Catalog)
        {
            copy.Catalog.Add(item);
        }

        return copy;
    }

    private static HoldoutOptions Copy(HoldoutOptions source) => new()
    {
        Name = source.Name,
        Salt = source.Salt,
        BasisPoints = source.BasisPoints,
        BucketStart = source.BucketStart,
        Hasher = source.Hasher,
        Layer = source.Layer,
    };

    private static void CopyLearning(LearningOptions source, LearningOptions copy)
    {
        copy.Mode = source.Mode;
        copy.ExplorationRate = source.ExplorationRate;
        copy.ExplorationSeed = source.ExplorationSeed;
        copy.RewardWaitTime = source.RewardWaitTime;
        copy.DefaultReward = source.DefaultReward;
        copy.UpdateInterval = source.UpdateInterval;
        copy.MinSettledDecisions = source.MinSettledDecisions;
        copy.TakeoverConfidence = source.TakeoverConfidence;
        copy.CandidatePool = source.CandidatePool;
        copy.EvaluationWindow = source.EvaluationWindow;
        copy.MaxPendingDecisions = source.MaxPendingDecisions;
        copy.OutcomeRewards.Clear();
        Fill(copy.OutcomeRewards, source.OutcomeRewards);
    }

    private static PlacementOptions Copy(PlacementOptions source)
    {
        var copy = new PlacementOptions { Holdout = source.Holdout, Count = source.Count, AutoPause = source.AutoPause, LearningMode = source.LearningMode };
        Fill(copy.Weights, source.Weights);
        Fill(copy.ColdStartWeights, source.ColdStartWeights);
        copy.DisabledGuardrails.UnionWith(source.DisabledGuardrails);
        return copy;
    }

    private static void CopyGuardrails(GuardrailOptions source, GuardrailOptions copy)
    {
        copy.RecentPurchaseWindow = source.RecentPurchaseWindow;
        copy.ComplaintSuppression = source.ComplaintSuppression;
        copy.FrequencyCap = source.FrequencyCap;
        copy.FrequencyCapWindow = source.FrequencyCapWindow;
        Fill(copy.ReplenishableCategories, source.ReplenishableCategories);
        copy.SensitiveCategories.UnionWith(source.SensitiveCategories);
        copy.Disabled.UnionWith(source.Disabled);
    }

    private static void CopyReadiness(ReadinessOptions source, ReadinessOptions copy)
    {
        copy.Window = source.Window;
        copy.MinimumDecisions = source.MinimumDecisions;
        copy.AutoPause = source.AutoPause;
        copy.PauseCheckInterval = source.PauseCheckInterval;
        copy.ResumeFallbackRate = source.ResumeFallbackRate;
        copy.MinimumPause = source.MinimumPause;
        var from = source.Thresholds;
        var to = copy.Thresholds;
        to.IdentityResolutionReady = from.IdentityResolutionReady;
        to.IdentityResolutionAtRisk = from.IdentityResolutionAtRisk;
        to.ProfileAgeMedianReady = from.ProfileAgeMedianReady;
        to.ProfileAgeMedianAtRisk = from.ProfileAgeMedianAtRisk;
        to.ProfileAgeP90Ready = from.ProfileAgeP90Ready;
        to.ProfileAgeP90AtRisk = from.ProfileAgeP90AtRisk;
        to.PersonalizedShareReady = from.PersonalizedShareReady;
        to.PersonalizedShareAtRisk = from.PersonalizedShareAtRisk;
        to.FallbackRateReady = from.FallbackRateReady;
        to.FallbackRateAtRisk = from.FallbackRateAtRisk;
        to.SignalFaultRateReady = from.SignalFaultRateReady;
        to.SignalFaultRateAtRisk = from.SignalFaultRateAtRisk;
        to.SignalInvalidRateReady = from.SignalInvalidRateReady;
        to.SignalInvalidRateAtRisk = from.SignalInvalidRateAtRisk;
        to.SignalNonZeroShareReady = from.SignalNonZeroShareReady;
        to.CatalogAgeReady = from.CatalogAgeReady;
        to.CatalogAgeAtRisk = from.CatalogAgeAtRisk;
        to.CategorizedShareReady = from.CategorizedShareReady;
        to.CategorizedShareAtRisk = from.CategorizedShareAtRisk;
        to.AttributedShareReady = from.AttributedShareReady;
    }

    private static void Fill<TKey, TValue>(IDictionary<TKey, TValue> to, IDictionary<TKey, TValue> from)
    {
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }
}
