namespace Personalize.Sdk.Reporting;

/// <summary>Every signal, guardrail and policy in force, with who owns it and why, for audit.</summary>
public interface IRuleRegistry
{
    /// <summary>The rules: signals, then guardrails, then policies.</summary>
    IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>The rules as indented JSON (camelCase; dates as yyyy-MM-dd, null for a rule with no review date).</summary>
    /// <returns>The JSON document.</returns>
    string ExportJson();
}
