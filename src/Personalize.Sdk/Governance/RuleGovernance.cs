namespace Personalize.Sdk.Governance;

/// <summary>
/// A marker options type: validating it at start checks the options and the rule set (names,
/// weights, review dates) together. It is separate from <see cref="PersonalizationOptions"/>
/// because building the rules reads those options, which must not happen while they are being validated.
/// </summary>
internal sealed class RuleGovernance;
