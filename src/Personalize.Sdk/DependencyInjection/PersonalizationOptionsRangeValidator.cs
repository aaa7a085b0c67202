using Microsoft.Extensions.Options;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Checks the simple ranges declared on the options with data annotations (<c>[Range]</c>), including
/// the nested guardrail and readiness options. Source-generated: no reflection, safe under trimming and
/// native AOT. Rules that span fields are <see cref="PersonalizationOptionsValidator"/>'s.
/// </summary>
[OptionsValidator]
internal sealed partial class PersonalizationOptionsRangeValidator : IValidateOptions<PersonalizationOptions>
{
}
