using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Protocol;

/// <summary>
/// A point of the tuning search: only what differs from the SDK's defaults. A value set back to
/// its default is dropped, so <see cref="IsDefault"/> and <see cref="ChangeCount"/> count real changes.
/// </summary>
/// <param name="Weights">Changed personalized weights, by signal.</param>
/// <param name="ColdStartWeights">Changed cold-start weights, by signal.</param>
/// <param name="PopularityHalfLifeDays">A changed popularity half-life, in days.</param>
/// <param name="AffinityHalfLifeDays">A changed affinity half-life, in days.</param>
/// <param name="MinConfidence">A changed confidence gate.</param>
internal sealed record TuningPoint(
    IReadOnlyDictionary<string, float> Weights,
    IReadOnlyDictionary<string, float> ColdStartWeights,
    double? PopularityHalfLifeDays = null,
    double? AffinityHalfLifeDays = null,
    double? MinConfidence = null)
{
    /// <summary>The SDK's defaults: nothing changed.</summary>
    public static TuningPoint Defaults { get; } = new(new Dictionary<string, float>(StringComparer.Ordinal), new Dictionary<string, float>(StringComparer.Ordinal));

    /// <summary>Whether nothing is changed.</summary>
    public bool IsDefault => ChangeCount == 0;

    /// <summary>How many defaults this point changes.</summary>
    public int ChangeCount => Weights.Count + ColdStartWeights.Count + (PopularityHalfLifeDays is null ? 0 : 1) + (AffinityHalfLifeDays is null ? 0 : 1) + (MinConfidence is null ? 0 : 1);

    /// <summary>The SDK configuration of this point.</summary>
    public SdkConfiguration ToConfiguration(string? name = null) => SdkConfiguration.With(
        Weights,
        ColdStartWeights,
        PopularityHalfLifeDays is { } popularity ? TimeSpan.FromDays(popularity) : null,
        AffinityHalfLifeDays is { } affinity ? TimeSpan.FromDays(affinity) : null,
        MinConfidence,
        name);

    /// <summary>What this point changes, in words; "SDK defaults" when nothing.</summary>
    public string Describe() => IsDefault ? "SDK defaults" : ToConfiguration().DescribeChanges();

    /// <summary>The <c>--sdk-*</c> options that add this point as a row of a test run.</summary>
    public string ToCommandLine()
    {
        var parts = new List<string>();
        if (Weights.Count > 0)
        {
            parts.Add($"--sdk-weights {SdkConfiguration.Format(Weights).Replace(" ", string.Empty, StringComparison.Ordinal)}");
        }

        if (ColdStartWeights.Count > 0)
        {
            parts.Add($"--sdk-cold-start-weights {SdkConfiguration.Format(ColdStartWeights).Replace(" ", string.Empty, StringComparison.Ordinal)}");
        }

        if (PopularityHalfLifeDays is { } popularity)
        {
            parts.Add(FormattableString.Invariant($"--sdk-popularity-half-life {popularity}"));
        }

        if (AffinityHalfLifeDays is { } affinity)
        {
            parts.Add(FormattableString.Invariant($"--sdk-affinity-half-life {affinity}"));
        }

        if (MinConfidence is { } confidence)
        {
            parts.Add(FormattableString.Invariant($"--sdk-min-confidence {confidence}"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>This point with a personalized weight set; the default drops the change.</summary>
    public TuningPoint WithWeight(string signal, float weight) =>
        this with { Weights = Set(Weights, signal, weight, SdkDefaults.Current.Weights[signal]) };

    /// <summary>This point with a cold-start weight set; the default drops the change.</summary>
    public TuningPoint WithColdStartWeight(string signal, float weight) =>
        this with { ColdStartWeights = Set(ColdStartWeights, signal, weight, SdkDefaults.Current.ColdStartWeights[signal]) };

    /// <summary>The personalized weight in force for <paramref name="signal"/>.</summary>
    public float WeightOf(string signal) => Weights.TryGetValue(signal, out var w) ? w : SdkDefaults.Current.Weights[signal];

    /// <summary>The cold-start weight in force for <paramref name="signal"/>.</summary>
    public float ColdStartWeightOf(string signal) => ColdStartWeights.TryGetValue(signal, out var w) ? w : SdkDefaults.Current.ColdStartWeights[signal];

    private static Dictionary<string, float> Set(IReadOnlyDictionary<string, float> weights, string signal, float weight, float defaultWeight)
    {
        var copy = new Dictionary<string, float>(weights, StringComparer.Ordinal);
        if (weight == defaultWeight)
        {
            copy.Remove(signal);
        }
        else
        {
            copy[signal] = weight;
        }

        return copy;
    }
}
