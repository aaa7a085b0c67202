using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.Placements;

/// <summary>One placement's resolved settings: weights by signal index, guardrails on or off, its holdouts.</summary>
internal sealed class PlacementPlan(string name, float[] weights, float[] coldStartWeights, bool[] guardrailEnabled, int holdoutIndex, int? count, bool autoPause, LearningMode learningMode = LearningMode.Off, bool recordsShows = false)
{
    /// <summary>Holdout index meaning "every configured holdout".</summary>
    public const int AllHoldouts = -1;

    public string Name { get; } = name;

    public int? Count { get; } = count;

    /// <summary>This plan's position among every placement's, set once by <see cref="PlacementPlans"/>: it indexes per-placement state.</summary>
    public int Index { get; set; }

    /// <summary>Whether the placement pauses itself when its readiness degrades.</summary>
    public bool AutoPause { get; } = autoPause;

    /// <summary>Whether the signal takes part in any of this placement's variants (its entry of <see cref="Weighed"/>).</summary>
    public bool IsWeighted(int signal) => Weighed[signal];

    /// <summary>
    /// Whether each signal takes part in any of this placement's variants, made once per plan: the
    /// signals a learning decision under this plan computes (and logs). A reload makes new plans, so
    /// a decision keeps the one it was made with.
    /// </summary>
    public bool[] Weighed { get; } = [.. weights.Select((weight, s) => weight != 0f || coldStartWeights[s] != 0f)];

    /// <summary>The holdout this placement is measured by, or <see cref="AllHoldouts"/>.</summary>
    public int HoldoutIndex { get; } = holdoutIndex;

    /// <summary>Whether, and how, this placement learns its mix; read at start.</summary>
    public LearningMode LearningMode { get; } = learningMode;

    public float WeightFor(int signal, DecisionVariant variant) =>
        variant == DecisionVariant.Personalized ? weights[signal] : coldStartWeights[signal];

    public bool IsEnabled(int guardrail) => guardrailEnabled[guardrail];

    /// <summary>
    /// Whether a decision under this plan counts its showings in the profile: when the built-in
    /// frequency cap or any custom guardrail is enabled, as a custom guardrail may read
    /// <see cref="Extensibility.ProfileView.GetShowCount"/>. A plan with only other built-ins skips the work.
    /// </summary>
    public bool RecordsShows { get; } = recordsShows;

    /// <summary>
    /// Builds a plan from a placement's options over the engine-wide ones; records problems naming the
    /// placement. <paramref name="autoPause"/> is the engine-wide auto-pause, resolved by the
    /// composition (readiness owns that option), which a placement's own setting overrides.
    /// </summary>
    public static PlacementPlan Create(
        string name,
        PlacementOptions? placement,
        PersonalizationOptions options,
        bool autoPause,
        SignalSlot[] signals,
        GuardrailSlot[] guardrails,
        IReadOnlyList<string> holdouts,
        List<string> problems)
    {
        var label = $"PersonalizationOptions.Placements[\"{name}\"]";
        var weights = new float[signals.Length];
        var coldStart = new float[signals.Length];
        for (var s = 0; s < signals.Length; s++)
        {
            weights[s] = placement?.Weights.TryGetValue(signals[s].Name, out var w) == true ? w : signals[s].PersonalizedWeight;
            coldStart[s] = placement?.ColdStartWeights.TryGetValue(signals[s].Name, out var c) == true ? c : signals[s].ColdStartWeight;
        }

        var enabled = new bool[guardrails.Length];
        var recordsShows = false;
        for (var g = 0; g < guardrails.Length; g++)
        {
            enabled[g] = placement?.DisabledGuardrails.Contains(guardrails[g].Name) != true;

            // The frequency cap reads the showings, and so may any custom guardrail; the other built-ins never do.
            recordsShows |= enabled[g] && (guardrails[g].Name == BuiltInGuardrails.FrequencyCap || !BuiltInGuardrails.All.Contains(guardrails[g].Name));
        }

        var holdout = AllHoldouts;
        if (placement is not null)
        {
            Check(label, "Weights", placement.Weights, signals, problems);
            Check(label, "ColdStartWeights", placement.ColdStartWeights, signals, problems);
            foreach (var disabled in placement.DisabledGuardrails)
            {
                // A null or empty entry is reported by the options' validator, which names it better.
                if (!string.IsNullOrEmpty(disabled) && !Array.Exists(guardrails, g => g.Name == disabled) && !options.Guardrails.Disabled.Contains(disabled))
                {
                    problems.Add($"{label}.DisabledGuardrails[\"{disabled}\"] names no registered guardrail.");
                }
            }

            if (placement.Holdout is { } named)
            {
                holdout = holdouts.ToList().IndexOf(named);
                if (holdout < 0)
                {
                    problems.Add($"{label}.Holdout names no configured holdout: '{named}'.");
                    holdout = AllHoldouts;
                }
            }

            if (placement.Count is < 0)
            {
                problems.Add($"{label}.Count must not be negative (was {placement.Count}).");
            }
        }

        return new PlacementPlan(name, weights, coldStart, enabled, holdout, placement?.Count, placement?.AutoPause ?? autoPause, placement?.LearningMode ?? options.Learning.Mode, recordsShows);
    }

    private static void Check(string label, string option, IDictionary<string, float> weights, SignalSlot[] signals, List<string> problems)
    {
        foreach (var (signal, weight) in weights)
        {
            if (!Array.Exists(signals, s => s.Name == signal))
            {
                problems.Add($"{label}.{option}[\"{signal}\"] names no registered signal.");
            }

            if (!Scoring.SignalWeight.IsValid(weight))
            {
                problems.Add($"{label}.{option}[\"{signal}\"] must be {Scoring.SignalWeight.Rule} (was {weight}).");
            }
        }
    }
}
