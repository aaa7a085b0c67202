using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Governance;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Placements;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Signals;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// The signals and guardrails the engine runs, with their weights, resolved once from the
/// registrations and options; and the registry that lists them, with their problems.
/// </summary>
internal sealed class RuleSet
{
    private readonly SignalRegistration?[] _registrations;

    private RuleSet(SignalSlot[] signals, SignalRegistration?[] registrations, GuardrailSlot[] guardrails, PlacementPlans placements, RuleRegistry registry, IReadOnlyList<string> problems)
    {
        Signals = signals;
        _registrations = registrations;
        Guardrails = guardrails;
        Placements = placements;
        Registry = registry;
        Problems = problems;
    }

    public SignalSlot[] Signals { get; }

    /// <summary>The enabled guardrails, in order: built-ins first, then custom ones as registered.</summary>
    public GuardrailSlot[] Guardrails { get; }

    /// <summary>Every placement's weights, guardrails and holdout.</summary>
    public PlacementPlans Placements { get; }

    public RuleRegistry Registry { get; }

    /// <summary>What makes this rule set unusable: duplicate names, weights or switches naming no rule.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Resolves the rules from the registered parts and the options at start.</summary>
    public static RuleSet Create(
        PersonalizationOptions options,
        IEnumerable<ISignalProvider> providers,
        IEnumerable<SignalRegistration> signalRegistrationList,
        IEnumerable<IGuardrail> guardrailList,
        IEnumerable<GuardrailRegistration> guardrailRegistrationList)
    {
        var signalRegistrations = signalRegistrationList.ToArray();
        var guardrailRegistrations = guardrailRegistrationList.ToArray();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<RuleDescriptor>();

        var signals = new List<SignalSlot>();
        var registered = new List<SignalRegistration?>();
        foreach (var provider in providers)
        {
            var registration = Array.Find(signalRegistrations, r => r.Matches(provider));
            var (weight, coldStart) = WeightsOf(provider.Name ?? string.Empty, registration, options);
            if (Register(provider.Name, provider.GetType(), names, problems))
            {
                signals.Add(new SignalSlot(provider, weight, coldStart));
                registered.Add(registration);
                rules.Add(new RuleDescriptor(provider.Name!, RuleKind.Signal, registration?.Info ?? RuleInfo.Unknown, weight > 0 || coldStart > 0, weight, coldStart));
            }
        }

        var guardrails = new List<GuardrailSlot>();
        foreach (var guardrail in guardrailList)
        {
            var registration = Array.Find(guardrailRegistrations, r => r.Matches(guardrail));
            if (Register(guardrail.Name, guardrail.GetType(), names, problems))
            {
                var enabled = !options.Guardrails.Disabled.Contains(guardrail.Name!);
                var info = registration?.Info ?? BuiltInRules.For(guardrail.Name!);
                rules.Add(new RuleDescriptor(guardrail.Name!, RuleKind.Guardrail, info, enabled, null, null));
                if (enabled)
                {
                    guardrails.Add(new GuardrailSlot(guardrail));
                }
            }
        }

        rules.Add(new RuleDescriptor(BuiltInGuardrails.Consent, RuleKind.Policy, BuiltInRules.For(BuiltInGuardrails.Consent), true, null, null));
        rules.Add(new RuleDescriptor(BuiltInGuardrails.SensitiveCategories, RuleKind.Policy, BuiltInRules.For(BuiltInGuardrails.SensitiveCategories), options.Guardrails.SensitiveCategories.Count > 0, null, null));

        FindUnknownWeights(problems, options, signals);
        FindUnknown(problems, $"{nameof(options.Guardrails)}.{nameof(options.Guardrails.Disabled)}", options.Guardrails.Disabled, guardrails.Select(g => g.Name).Concat(rules.Where(r => r.Kind == RuleKind.Guardrail).Select(r => r.Name)).ToHashSet(StringComparer.Ordinal));

        SignalSlot[] signalSlots = [.. signals];
        GuardrailSlot[] guardrailSlots = [.. guardrails];
        var placements = PlacementPlans.Create(options, signalSlots, guardrailSlots, problems);
        return new RuleSet(signalSlots, [.. registered], guardrailSlots, placements, new RuleRegistry(rules), problems);
    }

    /// <summary>
    /// Every placement's plan under new weights, for a live reload: the same signals and guardrails,
    /// weighed by <paramref name="options"/> over the weights they were registered with. Weights
    /// naming no signal, and bad placement weights, are added to <paramref name="problems"/>.
    /// </summary>
    public PlacementPlans Reweigh(PersonalizationOptions options, List<string> problems)
    {
        var slots = new SignalSlot[Signals.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            var (weight, coldStart) = WeightsOf(Signals[i].Name, _registrations[i], options);
            slots[i] = new SignalSlot(Signals[i].Provider, weight, coldStart);
        }

        FindUnknownWeights(problems, options, Signals);
        return PlacementPlans.Create(options, slots, Guardrails, problems);
    }

    private static (float Weight, float ColdStart) WeightsOf(string name, SignalRegistration? registration, PersonalizationOptions options) =>
        (options.Weights.TryGetValue(name, out var w) ? w : registration?.Weight ?? 0f,
         options.ColdStartWeights.TryGetValue(name, out var c) ? c : registration?.ColdStartWeight ?? 0f);

    private static void FindUnknownWeights(List<string> problems, PersonalizationOptions options, IEnumerable<SignalSlot> signals)
    {
        var signalNames = signals.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        FindUnknown(problems, nameof(options.Weights), options.Weights.Keys, signalNames);
        FindUnknown(problems, nameof(options.ColdStartWeights), options.ColdStartWeights.Keys, signalNames);
    }

    private static bool Register(string? name, Type type, HashSet<string> names, List<string> problems)
    {
        if (string.IsNullOrEmpty(name))
        {
            problems.Add($"The rule {type.Name} has no name.");
            return false;
        }

        if (!names.Add(name))
        {
            problems.Add($"Two rules are named '{name}'; signal and guardrail names must be unique.");
            return false;
        }

        return true;
    }

    private static void FindUnknown(List<string> problems, string option, IEnumerable<string> used, HashSet<string> known)
    {
        foreach (var name in used)
        {
            if (!known.Contains(name))
            {
                problems.Add($"PersonalizationOptions.{option}[\"{name}\"] names no registered rule (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
            }
        }
    }
}
