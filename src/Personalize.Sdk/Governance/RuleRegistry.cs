using System.Text.Json;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Governance;

/// <summary>The registry of the rules the engine was built with.</summary>
internal sealed class RuleRegistry(IReadOnlyList<RuleDescriptor> rules) : IRuleRegistry
{
    public IReadOnlyList<RuleDescriptor> Rules { get; } = rules;

    public string ExportJson() => JsonSerializer.Serialize([.. Rules], RuleRegistryJsonContext.Default.RuleDescriptorArray);
}
