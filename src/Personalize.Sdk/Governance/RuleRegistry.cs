using System.Text.Json;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Governance;

/// <summary>
/// The registry of the rules in force: the ones the engine was built with, with the signal weights
/// of the last accepted options reload (<see cref="Reweigh"/>).
/// </summary>
internal sealed class RuleRegistry(IReadOnlyList<RuleDescriptor> rules) : IRuleRegistry
{
    private volatile IReadOnlyList<RuleDescriptor> _rules = rules;

    public IReadOnlyList<RuleDescriptor> Rules => _rules;

    public string ExportJson() => JsonSerializer.Serialize([.. Rules], RuleRegistryJsonContext.Default.RuleDescriptorArray);

    /// <summary>
    /// Puts new engine-wide weights on the signals (<paramref name="weightsOf"/> by name; null
    /// leaves one as it is), for a live reload: a signal is enabled when either weight is positive.
    /// Guardrails and policies change only with a restart.
    /// </summary>
    public void Reweigh(Func<string, (float Weight, float ColdStart)?> weightsOf) =>
        _rules = [.. _rules.Select(rule => rule.Kind == RuleKind.Signal && weightsOf(rule.Name) is { } weights
            ? new RuleDescriptor(rule.Name, rule.Kind, rule.Info, weights.Weight > 0 || weights.ColdStart > 0, weights.Weight, weights.ColdStart)
            : rule)];
}
