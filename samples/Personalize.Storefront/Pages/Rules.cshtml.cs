using Microsoft.AspNetCore.Mvc.RazorPages;
using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Pages;

internal sealed class RulesModel(IRuleRegistry registry) : PageModel
{
    public IReadOnlyList<RuleDescriptor> Rules => registry.Rules;
}
