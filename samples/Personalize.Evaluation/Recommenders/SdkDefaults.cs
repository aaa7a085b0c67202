using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Reporting;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// The SDK's own defaults, read from a fresh container through the public API (the rule registry
/// lists every signal's weights; the options carry the rest), so the harness never copies them.
/// </summary>
internal sealed class SdkDefaults
{
    private SdkDefaults(IReadOnlyDictionary<string, float> weights, IReadOnlyDictionary<string, float> coldStartWeights, PersonalizationOptions options)
    {
        Weights = weights;
        ColdStartWeights = coldStartWeights;
        PopularityHalfLife = options.PopularityHalfLife;
        AffinityHalfLife = options.AffinityHalfLife;
        MinConfidence = options.MinConfidence;
    }

    /// <summary>The defaults of the SDK this harness is built against.</summary>
    public static SdkDefaults Current { get; } = Read();

    /// <summary>Each built-in signal's default weight for users with a trusted profile.</summary>
    public IReadOnlyDictionary<string, float> Weights { get; }

    /// <summary>Each built-in signal's default cold-start weight.</summary>
    public IReadOnlyDictionary<string, float> ColdStartWeights { get; }

    /// <summary>The default popularity half-life.</summary>
    public TimeSpan PopularityHalfLife { get; }

    /// <summary>The default affinity half-life (it also fades profile confidence).</summary>
    public TimeSpan AffinityHalfLife { get; }

    /// <summary>The default confidence gate.</summary>
    public double MinConfidence { get; }

    /// <summary>One line: every default weight and option the tuner can change.</summary>
    public string Describe() => FormattableString.Invariant(
        $"weights {SdkConfiguration.Format(Weights)}; cold start {SdkConfiguration.Format(ColdStartWeights)}; popularity half-life {PopularityHalfLife.TotalDays:0.##} d; affinity half-life {AffinityHalfLife.TotalDays:0.##} d; min confidence {MinConfidence:0.###}");

    private static SdkDefaults Read()
    {
        var services = new ServiceCollection();
        services.AddPersonalization();
        using var provider = services.BuildServiceProvider();
        var signals = provider.GetRequiredService<IRuleRegistry>().Rules.Where(rule => rule.Kind == RuleKind.Signal).ToArray();
        return new SdkDefaults(
            signals.ToDictionary(rule => rule.Name, rule => rule.Weight ?? 0f, StringComparer.Ordinal),
            signals.ToDictionary(rule => rule.Name, rule => rule.ColdStartWeight ?? 0f, StringComparer.Ordinal),
            provider.GetRequiredService<IOptions<PersonalizationOptions>>().Value);
    }
}
