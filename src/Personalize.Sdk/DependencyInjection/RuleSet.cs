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
    private readonly GuardrailSlot[] _registeredGuardrails;

    private RuleSet(SignalSlot[] signals, SignalRegistration?[] registrations, GuardrailSlot[] registeredGuardrails, GuardrailSlot[] guardrails, PlacementPlans placements, RuleRegistry registry, IReadOnlyList<string> problems)
    {
        Signals = signals;
        _registrations = registrations;
        _registeredGuardrails = registeredGuardrails;
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

    private int _overdueWarned;

    /// <summary>True the first time only: rules past their review date are warned about once, at a host's start or when the personalizer is built, whichever comes first.</summary>
    public bool ClaimOverdueWarning() => Interlocked.Exchange(ref _overdueWarned, 1) == 0;

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
        // The two policies are rules too: a plug-in taking one of their names would list two rules under it.
        var names = new HashSet<string>([BuiltInGuardrails.Consent, BuiltInGuardrails.SensitiveCategories], StringComparer.Ordinal);
        var rules = new List<RuleDescriptor>();
        FindConflictingTypeRegistrations(signalRegistrations.Where(r => r.Instance is null).Select(r => (r.ProviderType, (object)(r.Weight, r.ColdStartWeight, r.Info))), problems);
        FindConflictingTypeRegistrations(guardrailRegistrations.Where(r => r.Instance is null).Select(r => (r.GuardrailType, (object)(r.Info, 0))), problems);

        var signals = new List<SignalSlot>();
        var registered = new List<SignalRegistration?>();
        foreach (var provider in providers)
        {
            // An instance's own registration first: a type registration of its class is for the one the container builds.
            var registration = Array.Find(signalRegistrations, r => r.Instance is not null && r.Matches(provider))
                ?? Array.Find(signalRegistrations, r => r.Instance is null && r.Matches(provider));
            var (weight, coldStart) = WeightsOf(provider.Name ?? string.Empty, registration, options);
            if (Register(provider.Name, provider.GetType(), names, problems))
            {
                signals.Add(new SignalSlot(provider, weight, coldStart));
                registered.Add(registration);
                rules.Add(new RuleDescriptor(provider.Name!, RuleKind.Signal, registration?.Info ?? RuleInfo.Unknown, weight > 0 || coldStart > 0, weight, coldStart));
            }
        }

        var registeredGuardrails = new List<GuardrailSlot>();
        var guardrails = new List<GuardrailSlot>();
        foreach (var guardrail in guardrailList)
        {
            var registration = Array.Find(guardrailRegistrations, r => r.Instance is not null && r.Matches(guardrail))
                ?? Array.Find(guardrailRegistrations, r => r.Instance is null && r.Matches(guardrail));
            if (Register(guardrail.Name, guardrail.GetType(), names, problems))
            {
                var slot = new GuardrailSlot(guardrail);
                registeredGuardrails.Add(slot);
                var enabled = !options.Guardrails.Disabled.Contains(guardrail.Name!);
                var info = registration?.Info ?? BuiltInRules.For(guardrail.Name!);
                rules.Add(new RuleDescriptor(guardrail.Name!, RuleKind.Guardrail, info, enabled, null, null));
                if (enabled)
                {
                    guardrails.Add(slot);
                }
            }
        }

        rules.Add(new RuleDescriptor(BuiltInGuardrails.Consent, RuleKind.Policy, BuiltInRules.For(BuiltInGuardrails.Consent), true, null, null));
        rules.Add(new RuleDescriptor(BuiltInGuardrails.SensitiveCategories, RuleKind.Policy, BuiltInRules.For(BuiltInGuardrails.SensitiveCategories), options.Guardrails.SensitiveCategories.Count > 0, null, null));

        SignalSlot[] signalSlots = [.. signals];
        GuardrailSlot[] registeredSlots = [.. registeredGuardrails];
        GuardrailSlot[] guardrailSlots = [.. guardrails];
        var placements = Check(options, signalSlots, registeredSlots, guardrailSlots, problems);
        return new RuleSet(signalSlots, [.. registered], registeredSlots, guardrailSlots, placements, new RuleRegistry(rules), problems);
    }

    /// <summary>
    /// Adds to <paramref name="problems"/> what <see cref="Create"/> would find wrong with
    /// <paramref name="options"/> over these signals and guardrails: a reload is checked whole, as
    /// a restart with it would be. Only its live settings take effect, but a reload that would fail
    /// the next start (a new placement weighing an unknown signal, a holdout nobody configured) is
    /// rejected now rather than counted applied.
    /// </summary>
    public void FindProblems(PersonalizationOptions options, List<string> problems) =>
        _ = Check(options, Signals, _registeredGuardrails, Array.FindAll(_registeredGuardrails, g => !options.Guardrails.Disabled.Contains(g.Name)), problems);

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
        return PlacementPlans.Create(options, options.Readiness.AutoPause, slots, Guardrails, problems);
    }

    /// <summary>Shows the engine-wide signal weights of <paramref name="options"/>, an accepted reload, in <see cref="Registry"/>.</summary>
    public void PublishWeights(PersonalizationOptions options) =>
        Registry.Reweigh(name => Array.FindIndex(Signals, slot => string.Equals(slot.Name, name, StringComparison.Ordinal)) is var i and >= 0
            ? WeightsOf(name, _registrations[i], options)
            : null);

    private static (float Weight, float ColdStart) WeightsOf(string name, SignalRegistration? registration, PersonalizationOptions options) =>
        (options.Weights.TryGetValue(name, out var w) ? w : registration?.Weight ?? 0f,
         options.ColdStartWeights.TryGetValue(name, out var c) ? c : registration?.ColdStartWeight ?? 0f);

    /// <summary>The checks of the options against the registered rules, the same at start and on a reload: weights and switches by name, and every placement.</summary>
    private static PlacementPlans Check(PersonalizationOptions options, SignalSlot[] signals, GuardrailSlot[] registeredGuardrails, GuardrailSlot[] enabledGuardrails, List<string> problems)
    {
        FindUnknownWeights(problems, options, signals);
        // A null or empty entry is reported by the options' validator, which names it better.
        FindUnknown(problems, $"{nameof(options.Guardrails)}.{nameof(options.Guardrails.Disabled)}", options.Guardrails.Disabled.Where(static name => !string.IsNullOrEmpty(name)), registeredGuardrails.Select(g => g.Name).ToHashSet(StringComparer.Ordinal));
        return PlacementPlans.Create(options, options.Readiness.AutoPause, signals, enabledGuardrails, problems);
    }

    private static void FindUnknownWeights(List<string> problems, PersonalizationOptions options, IEnumerable<SignalSlot> signals)
    {
        var signalNames = signals.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        FindUnknown(problems, nameof(options.Weights), options.Weights.Keys, signalNames);
        FindUnknown(problems, nameof(options.ColdStartWeights), options.ColdStartWeights.Keys, signalNames);
    }

    /// <summary>
    /// One class registered by type twice with other weights or another rule: the container builds
    /// it once, so one of the two registrations would be dropped without a word.
    /// </summary>
    private static void FindConflictingTypeRegistrations(IEnumerable<(Type Type, object Settings)> registrations, List<string> problems)
    {
        foreach (var type in registrations.GroupBy(r => r.Type).Where(g => g.Select(r => r.Settings).Distinct().Count() > 1).Select(g => g.Key))
        {
            problems.Add($"{type.Name} is registered twice by type with different weights or rules; register it once, or register configured instances.");
        }
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
