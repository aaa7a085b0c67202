using Microsoft.Extensions.Internal;

namespace Personalize.Sdk.Profiles;

/// <summary>Lets <c>MemoryCache</c> expire profiles on the SDK's <see cref="TimeProvider"/>, so expiry is testable.</summary>
internal sealed class TimeProviderClock(TimeProvider timeProvider) : ISystemClock
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
