using Microsoft.Extensions.Options;

namespace Personalize.Sdk.Redis.DependencyInjection;

/// <summary>The ranges declared on <see cref="RedisPersonalizationOptions"/>, checked by generated code (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class RedisOptionsAttributeValidator : IValidateOptions<RedisPersonalizationOptions>
{
}
