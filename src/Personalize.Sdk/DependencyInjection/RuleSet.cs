using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    private RuleSet(SignalSlot[] signals, GuardrailSlot[] guardrails, PlacementPlans placements, RuleRegistry registry, IReadOnlyList<string> problems)
    {
        Signals = signals;
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

    public static RuleSet Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
        var signalRegistrations = services.GetServices<SignalRegistration>().ToArray();
        var guardrailRegistrations = services.GetServices<GuardrailRegistration>().ToArray();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<RuleDescriptor>();

        var signals = new List<SignalSlot>();
        foreach (var provider in services.GetServices<ISignalProvider>())
        {
            var registration = Array.Find(signalRegistrations, r => r.Matches(provider));
            var weight = options.Weights.TryGetValue(provider.Name ?? string.Empty, out var w) ? w : registration?.Weight ?? 0f;
            var coldStart = options.ColdStartWeights.TryGetValue(provider.Name ?? string.Empty, out var c) ? c : registration?.ColdStartWeight ?? 0f;
            if (Register(provider.Name, provider.GetType(), names, problems))
            {
                signals.Add(new SignalSlot(provider, weight, coldStart));
                rules.Add(new RuleDescriptor(provider.Name!, RuleKind.Signal, registration?.Info ?? RuleInfo.Unknown, weight > 0 || coldStart > 0, weight, coldStart));
            }
        }

        var guardrails = new List<GuardrailSlot>();
        foreach (var guardrail in services.GetServices<IGuardrail>())
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

        var signalNames = signals.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        FindUnknown(problems, nameof(options.Weights), options.Weights.Keys, signalNames);
        FindUnknown(problems, nameof(options.ColdStartWeights), options.ColdStartWeights.Keys, signalNames);
        FindUnknown(problems, $"{nameof(options.Guardrails)}.{nameof(options.Guardrails.Disabled)}", options.Guardrails.Disabled, guardrails.Select(g => g.Name).Concat(rules.Where(r => r.Kind == RuleKind.Guardrail).Select(r => r.Name)).ToHashSet(StringComparer.Ordinal));

        SignalSlot[] signalSlots = [.. signals];
        GuardrailSlot[] guardrailSlots = [.. guardrails];
        var placements = PlacementPlans.Create(options, signalSlots, guardrailSlots, problems);
        return new RuleSet(signalSlots, guardrailSlots, placements, new RuleRegistry(rules), problems);
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
