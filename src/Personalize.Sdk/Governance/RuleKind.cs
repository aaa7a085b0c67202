namespace Personalize.Sdk.Reporting;

/// <summary>What kind of rule a registry entry is.</summary>
public enum RuleKind
{
    /// <summary>A signal provider: a weighted column of scores.</summary>
    Signal = 0,

    /// <summary>A guardrail: removes candidates.</summary>
    Guardrail = 1,

    /// <summary>A policy on how the profile may be used (consent, sensitive categories).</summary>
    Policy = 2,
}
