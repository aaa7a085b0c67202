using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Governance;

/// <summary>The SDK's rules (signals, guardrails, policies) as its audit JSON; the <c>/rules</c> page lists them.</summary>
internal static class GovernanceEndpoints
{
    public static void MapGovernanceEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/rules.json", (IRuleRegistry rules) => Results.Text(rules.ExportJson(), "application/json"));
}
