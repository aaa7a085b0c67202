using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// What a profile write needs from the engine besides the event itself: the catalog, to drop item
/// indices that went to new keys since the profile was last checked, and where to count what a
/// bounded table had to drop, and the frequency cap's window, to merge two people's showings. One
/// per engine, handed to each write (a reference in every profile would cost a million people 8 MB).
/// </summary>
internal sealed class ProfileServices(CatalogStore catalog, PersonalizationMetrics metrics, long showWindowTicks, TimeProvider timeProvider)
{
    public CatalogStore Catalog { get; } = catalog;

    public PersonalizationMetrics Metrics { get; } = metrics;

    /// <summary>The frequency cap's window (<see cref="GuardrailOptions.FrequencyCapWindow"/>), in ticks.</summary>
    public long ShowWindowTicks { get; } = showWindowTicks;

    /// <summary>The host's clock, to tell which showings' windows are still open when two people merge.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;
}
