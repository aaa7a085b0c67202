using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk;

/// <summary>
/// How one surface ("home", "product-page", "cart", "email") is personalized. Anything left unset
/// falls back to the engine-wide setting, so a placement only states how it differs.
/// </summary>
public sealed class PlacementOptions
{
    /// <summary>Signal weights for users with history, by signal name, overriding <see cref="PersonalizationOptions.Weights"/>.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, float> Weights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>Signal weights for users without usable history, overriding <see cref="PersonalizationOptions.ColdStartWeights"/>.</summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, float> ColdStartWeights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>Guardrails switched off on this placement only (see <see cref="BuiltInGuardrails"/>).</summary>
    /// <value>The default is empty. A null or empty entry, or one naming no registered guardrail, fails the start.</value>
    public ISet<string> DisabledGuardrails { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The one holdout this placement is measured by; null for every configured holdout. Every
    /// holdout still decides the experience here: a unit in control of any holdout gets the default
    /// (<see cref="DecisionVariant.Control"/>) and, when another holdout put it there, is not measured
    /// in this holdout's treatment arm. A decision here carries the holdout that put the unit in
    /// control (this one when it did), else this one.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? Holdout { get; set; }

    /// <summary>How many items a request on this placement returns when it does not say.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="PersonalizationRequest.DefaultCount"/>.</value>
    public int? Count { get; set; }

    /// <summary>
    /// Whether this placement pauses itself, serving the default experience, when its readiness
    /// falls below the pause thresholds (see <see cref="ReadinessOptions"/>), and resumes
    /// by itself when it recovers.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="ReadinessOptions.AutoPause"/>.</value>
    public bool? AutoPause { get; set; }

    /// <summary>Whether, and how, this placement learns its mix of signals from outcomes (see <see cref="LearningOptions"/>). Read at start.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="LearningOptions.Mode"/>.</value>
    public LearningMode? LearningMode { get; set; }
}
