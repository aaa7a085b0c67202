using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Governance;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// At start: two rules with one name, or weights naming no rule, fail; a rule past its review date
/// (if it has one) is a warning, also when the personalizer is built without a host. Invalid options fail too: building the rules throws, naming the
/// options' failures and the rules' problems together.
/// </summary>
internal sealed class RuleGovernanceValidator(IServiceProvider services) : IValidateOptions<RuleGovernance>
{
    public ValidateOptionsResult Validate(string? name, RuleGovernance options)
    {
        var rules = services.GetRequiredService<RuleSet>();
        if (rules.Problems.Count > 0)
        {
            return ValidateOptionsResult.Fail(rules.Problems);
        }

        LogOverdueRules(rules, services.GetRequiredService<TimeProvider>(), SdkLogger.Create(services));
        return ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Warns about every rule past its review date, once per rule set: a host validates at start,
    /// and a container without a host, or the builder, builds the personalizer; whichever is first.
    /// </summary>
    public static void LogOverdueRules(RuleSet rules, TimeProvider timeProvider, ILogger logger)
    {
        if (!rules.ClaimOverdueWarning())
        {
            return;
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        foreach (var rule in rules.Registry.Rules)
        {
            if (rule.Info.IsOverdue(today))
            {
                Log.RuleReviewOverdue(logger, rule.Kind == RuleKind.Signal ? "signal" : rule.Kind == RuleKind.Guardrail ? "guardrail" : "policy", rule.Name, rule.Info.ReviewBy!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.IsNullOrEmpty(rule.Info.Owner) ? "nobody" : rule.Info.Owner);
            }
        }
    }
}
