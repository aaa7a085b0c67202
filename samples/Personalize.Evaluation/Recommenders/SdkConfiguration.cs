using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Recommenders;

/// <summary>How the SDK is configured for one row of the results: weights by signal name, and a few options.</summary>
/// <param name="Name">The row's name.</param>
/// <param name="Weights">Personalized weights to set, by signal name; missing signals keep their defaults.</param>
/// <param name="ColdStartWeights">Cold-start weights to set, by signal name; missing signals keep their defaults.</param>
/// <param name="ReplaySettings">
/// Whether to apply the two settings an offline replay needs (true on every row but
/// <see cref="DefaultOptions"/>): profiles are kept for the whole replay (an idle expiry longer
/// than any log; the default 30 days would silently turn many returning users of a year-long log
/// into strangers), and the <c>frequency-cap</c> guardrail is off (it counts the harness's own
/// repeated rankings of one user as showings nobody saw; see the README).
/// </param>
/// <param name="PopularityHalfLife">Overrides <see cref="PersonalizationOptions.PopularityHalfLife"/>; null keeps the default.</param>
/// <param name="AffinityHalfLife">Overrides <see cref="PersonalizationOptions.AffinityHalfLife"/>; null keeps the default.</param>
/// <param name="MinConfidence">Overrides <see cref="PersonalizationOptions.MinConfidence"/>; null keeps the default.</param>
/// <param name="TrendHalfLife">Overrides <see cref="PersonalizationOptions.TrendHalfLife"/>; null keeps the default.</param>
/// <param name="MaxPerCategory">Overrides <see cref="PersonalizationOptions.MaxPerCategory"/>; null keeps the default.</param>
internal sealed record SdkConfiguration(
    string Name,
    IReadOnlyDictionary<string, float> Weights,
    IReadOnlyDictionary<string, float> ColdStartWeights,
    bool ReplaySettings = true,
    TimeSpan? PopularityHalfLife = null,
    TimeSpan? AffinityHalfLife = null,
    double? MinConfidence = null,
    TimeSpan? TrendHalfLife = null,
    int? MaxPerCategory = null)
{
    private static readonly IReadOnlyDictionary<string, float> Empty = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>An idle expiry longer than any replayed log.</summary>
    public static readonly TimeSpan ReplayIdleExpiration = TimeSpan.FromDays(3650);

    /// <summary>The SDK's default signal mix (with the replay settings).</summary>
    public static SdkConfiguration Default { get; } = new("sdk", Empty, Empty);

    /// <summary>The SDK with every option at its default, including the 30-day idle expiry of profiles and the frequency cap.</summary>
    public static SdkConfiguration DefaultOptions { get; } = new("sdk (every option at its default)", Empty, Empty, ReplaySettings: false);

    /// <summary>Whether this configuration changes nothing but the replay settings.</summary>
    public bool IsDefaultMix => Weights.Count == 0 && ColdStartWeights.Count == 0 && PopularityHalfLife is null && AffinityHalfLife is null && MinConfidence is null && TrendHalfLife is null && MaxPerCategory is null;

    /// <summary>
    /// The SDK with one built-in signal alone: its weight and cold-start weight set to 1, every
    /// other built-in signal's set to 0, by name. Both weights are set so that the confidence gate
    /// (which switches thin or stale profiles to the cold-start weights) does not matter: every
    /// user is ranked by that signal alone.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="signal"/> is not a built-in signal.</exception>
    public static SdkConfiguration Alone(string signal)
    {
        SdkSignals.EnsureKnown(signal);
        var weights = SdkSignals.All.ToDictionary(s => s, s => s == signal ? 1f : 0f, StringComparer.Ordinal);
        return new SdkConfiguration($"sdk: {signal} only", weights, weights);
    }

    /// <summary>The SDK with these weights and options; the name is built from them unless given.</summary>
    /// <exception cref="ArgumentException">A signal name is unknown.</exception>
    public static SdkConfiguration With(
        IReadOnlyDictionary<string, float> weights,
        IReadOnlyDictionary<string, float> coldStartWeights,
        TimeSpan? popularityHalfLife = null,
        TimeSpan? affinityHalfLife = null,
        double? minConfidence = null,
        string? name = null,
        TimeSpan? trendHalfLife = null,
        int? maxPerCategory = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(coldStartWeights);
        foreach (var signal in weights.Keys.Concat(coldStartWeights.Keys))
        {
            SdkSignals.EnsureKnown(signal);
        }

        var configuration = new SdkConfiguration(
            string.Empty,
            new Dictionary<string, float>(weights, StringComparer.Ordinal),
            new Dictionary<string, float>(coldStartWeights, StringComparer.Ordinal),
            PopularityHalfLife: popularityHalfLife,
            AffinityHalfLife: affinityHalfLife,
            MinConfidence: minConfidence,
            TrendHalfLife: trendHalfLife,
            MaxPerCategory: maxPerCategory);
        return configuration with { Name = name ?? $"sdk ({configuration.DescribeChanges()})" };
    }

    /// <summary>
    /// Parses <c>signal=weight</c> pairs separated by commas, for example
    /// <c>popularity=3,category-affinity=1</c> (<c>--sdk-weights</c>, <c>--sdk-cold-start-weights</c>).
    /// </summary>
    /// <exception cref="FormatException">A pair is malformed, a weight is not a number >= 0, or a signal is unknown.</exception>
    public static Dictionary<string, float> ParseWeights(string weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var parsed = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var pair in weights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !float.IsFinite(weight) || weight < 0)
            {
                throw new FormatException($"'{pair}' is not signal=weight with a weight >= 0.");
            }

            if (!SdkSignals.All.Contains(parts[0], StringComparer.Ordinal))
            {
                throw new FormatException($"'{parts[0]}' is not a built-in signal (known: {string.Join(", ", SdkSignals.All)}).");
            }

            parsed[parts[0]] = weight;
        }

        return parsed;
    }

    /// <summary>What this configuration changes from the SDK's defaults, in words; "default mix" when nothing.</summary>
    public string DescribeChanges()
    {
        var parts = new List<string>();
        if (Weights.Count > 0)
        {
            parts.Add($"weights {Format(Weights)}");
        }

        if (ColdStartWeights.Count > 0)
        {
            parts.Add($"cold start {Format(ColdStartWeights)}");
        }

        if (PopularityHalfLife is { } popularity)
        {
            parts.Add(FormattableString.Invariant($"popularity half-life {popularity.TotalDays:0.##} d"));
        }

        if (AffinityHalfLife is { } affinity)
        {
            parts.Add(FormattableString.Invariant($"affinity half-life {affinity.TotalDays:0.##} d"));
        }

        if (MinConfidence is { } confidence)
        {
            parts.Add(FormattableString.Invariant($"min confidence {confidence:0.###}"));
        }

        if (TrendHalfLife is { } trend)
        {
            parts.Add(FormattableString.Invariant($"trend half-life {trend.TotalDays:0.##} d"));
        }

        if (MaxPerCategory is { } cap)
        {
            parts.Add(FormattableString.Invariant($"at most {cap} per category"));
        }

        return parts.Count == 0 ? "default mix" : string.Join("; ", parts);
    }

    /// <summary>Weights as <c>name=value</c> pairs, in the SDK's signal order.</summary>
    public static string Format(IReadOnlyDictionary<string, float> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return string.Join(", ", weights
            .OrderBy(w => IndexOf(w.Key))
            .ThenBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => FormattableString.Invariant($"{w.Key}={w.Value:0.###}")));
    }

    /// <summary>Applies this configuration to the SDK's options.</summary>
    public void Apply(PersonalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (signal, weight) in Weights)
        {
            options.Weights[signal] = weight;
        }

        foreach (var (signal, weight) in ColdStartWeights)
        {
            options.ColdStartWeights[signal] = weight;
        }

        if (ReplaySettings)
        {
            options.ProfileIdleExpiration = ReplayIdleExpiration;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        }

        if (PopularityHalfLife is { } popularity)
        {
            options.PopularityHalfLife = popularity;
        }

        if (AffinityHalfLife is { } affinity)
        {
            options.AffinityHalfLife = affinity;
        }

        if (MinConfidence is { } confidence)
        {
            options.MinConfidence = confidence;
        }

        if (TrendHalfLife is { } trendHalfLife)
        {
            options.TrendHalfLife = trendHalfLife;
        }

        if (MaxPerCategory is { } maxPerCategory)
        {
            options.MaxPerCategory = maxPerCategory;
        }
    }

    /// <summary>
    /// What the SDK's own options validation refuses in this configuration (a weight above the
    /// SDK's largest, a per-category cap out of range, a half-life of zero after conversion to a
    /// <see cref="TimeSpan"/>), one message each; empty when the SDK would start with it.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var services = new ServiceCollection();
        services.AddPersonalization(Apply);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    private static int IndexOf(string signal)
    {
        for (var i = 0; i < SdkSignals.All.Count; i++)
        {
            if (SdkSignals.All[i] == signal)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
