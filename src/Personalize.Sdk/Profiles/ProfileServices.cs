using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// What a profile write needs from the engine besides the event itself: the catalog, to drop item
/// indices that went to new keys since the profile was last checked, and where to count what a
/// bounded table had to drop. One per engine, handed to each write (a reference in every profile
/// would cost a million people 8 MB).
/// </summary>
internal sealed class ProfileServices(CatalogStore catalog, PersonalizationMetrics metrics)
{
    public CatalogStore Catalog { get; } = catalog;

    public PersonalizationMetrics Metrics { get; } = metrics;
}
