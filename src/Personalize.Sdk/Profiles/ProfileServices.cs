using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// What a profile write needs from the engine besides the event itself: where to count what a
/// bounded table had to drop. One per engine; a profile keeps a reference from its first write.
/// </summary>
internal sealed class ProfileServices(PersonalizationMetrics metrics)
{
    public PersonalizationMetrics Metrics { get; } = metrics;
}
