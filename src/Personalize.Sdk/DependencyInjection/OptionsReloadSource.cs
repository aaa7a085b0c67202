using Microsoft.Extensions.Options;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>
/// Where live changes to the options come from: the same change-token sources
/// <c>IOptionsMonitor</c> listens to, and the factory that builds (and validates) a fresh options object.
/// </summary>
internal sealed class OptionsReloadSource(IEnumerable<IOptionsChangeTokenSource<PersonalizationOptions>> tokenSources, IOptionsFactory<PersonalizationOptions> factory)
{
    public IEnumerable<IOptionsChangeTokenSource<PersonalizationOptions>> TokenSources { get; } = tokenSources;

    public IOptionsFactory<PersonalizationOptions> Factory { get; } = factory;
}
