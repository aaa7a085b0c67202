namespace Personalize.Sdk.Readiness;

/// <summary>Checks the rules of <see cref="ReadinessOptions"/> that span fields, naming each option that is wrong; simple number ranges are data annotations on the options.</summary>
internal static class ReadinessValidation
{
    private const string Prefix = "PersonalizationOptions.Readiness.";

    public static void Validate(ReadinessOptions options, List<string> failures)
    {
        if (options.Window < TimeSpan.FromMinutes(1) || options.Window > TimeSpan.FromDays(7))
        {
            failures.Add($"{Prefix}{nameof(options.Window)} must be between 1 minute and 7 days (was {options.Window}).");
        }

        if (options.MinimumPause < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{nameof(options.MinimumPause)} must not be negative (was {options.MinimumPause}).");
        }

        if (options.PauseCheckInterval < TimeSpan.FromSeconds(1) || options.PauseCheckInterval > options.Window)
        {
            failures.Add($"{Prefix}{nameof(options.PauseCheckInterval)} must be between 1 second and the window (was {options.PauseCheckInterval}).");
        }

        var t = options.Thresholds;
        if (!(options.ResumeFallbackRate >= 0 && options.ResumeFallbackRate < t.FallbackRateAtRisk))
        {
            failures.Add($"{Prefix}{nameof(options.ResumeFallbackRate)} must be at least 0 and below Thresholds.{nameof(t.FallbackRateAtRisk)} ({t.FallbackRateAtRisk}), or the placement would flap (was {options.ResumeFallbackRate}).");
        }

        HigherIsBetter(failures, nameof(t.IdentityResolutionReady), t.IdentityResolutionReady, nameof(t.IdentityResolutionAtRisk), t.IdentityResolutionAtRisk);
        HigherIsBetter(failures, nameof(t.PersonalizedShareReady), t.PersonalizedShareReady, nameof(t.PersonalizedShareAtRisk), t.PersonalizedShareAtRisk);
        HigherIsBetter(failures, nameof(t.CategorizedShareReady), t.CategorizedShareReady, nameof(t.CategorizedShareAtRisk), t.CategorizedShareAtRisk);
        Share(failures, nameof(t.SignalNonZeroShareReady), t.SignalNonZeroShareReady);
        Share(failures, nameof(t.AttributedShareReady), t.AttributedShareReady);
        LowerIsBetter(failures, nameof(t.FallbackRateReady), t.FallbackRateReady, nameof(t.FallbackRateAtRisk), t.FallbackRateAtRisk);
        LowerIsBetter(failures, nameof(t.SignalFaultRateReady), t.SignalFaultRateReady, nameof(t.SignalFaultRateAtRisk), t.SignalFaultRateAtRisk);
        LowerIsBetter(failures, nameof(t.SignalInvalidRateReady), t.SignalInvalidRateReady, nameof(t.SignalInvalidRateAtRisk), t.SignalInvalidRateAtRisk);
        Ages(failures, nameof(t.ProfileAgeMedianReady), t.ProfileAgeMedianReady, nameof(t.ProfileAgeMedianAtRisk), t.ProfileAgeMedianAtRisk);
        Ages(failures, nameof(t.ProfileAgeP90Ready), t.ProfileAgeP90Ready, nameof(t.ProfileAgeP90AtRisk), t.ProfileAgeP90AtRisk);
        Ages(failures, nameof(t.CatalogAgeReady), t.CatalogAgeReady, nameof(t.CatalogAgeAtRisk), t.CatalogAgeAtRisk);
    }

    private static void HigherIsBetter(List<string> failures, string readyName, double ready, string atRiskName, double atRisk)
    {
        if (!(ready is >= 0 and <= 1 && atRisk is >= 0 and <= 1 && atRisk <= ready))
        {
            failures.Add($"{Prefix}Thresholds.{readyName} and {atRiskName} must be shares between 0 and 1, with {atRiskName} <= {readyName} (were {ready} and {atRisk}).");
        }
    }

    private static void Share(List<string> failures, string name, double value)
    {
        if (value is not (>= 0 and <= 1))
        {
            failures.Add($"{Prefix}Thresholds.{name} must be a share between 0 and 1 (was {value}).");
        }
    }

    private static void LowerIsBetter(List<string> failures, string readyName, double ready, string atRiskName, double atRisk)
    {
        if (!(ready is >= 0 and <= 1 && atRisk is >= 0 and <= 1 && ready <= atRisk))
        {
            failures.Add($"{Prefix}Thresholds.{readyName} and {atRiskName} must be shares between 0 and 1, with {readyName} <= {atRiskName} (were {ready} and {atRisk}).");
        }
    }

    private static void Ages(List<string> failures, string readyName, TimeSpan ready, string atRiskName, TimeSpan atRisk)
    {
        if (ready <= TimeSpan.Zero || atRisk < ready)
        {
            failures.Add($"{Prefix}Thresholds.{readyName} must be positive and {atRiskName} at least as long (were {ready} and {atRisk}).");
        }
    }
}
