using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    // Events from the future beyond this tolerance are impossible, not skewed clocks.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public void Track(in PersonalizationEvent personalizationEvent)
    {
        if (string.IsNullOrEmpty(personalizationEvent.UserKey) || string.IsNullOrEmpty(personalizationEvent.ItemKey))
        {
            throw new ArgumentException("The event needs a user key and an item key: create it with a PersonalizationEvent factory method.", nameof(personalizationEvent));
        }

        var now = _timeProvider.GetUtcNow();
        var timestamp = personalizationEvent.Timestamp ?? now;
        var snapshot = _catalog.Current;
        var reason = personalizationEvent switch
        {
            { Kind: not (EventKind.View or EventKind.AddToCart or EventKind.Purchase) } => "unknown event kind",
            { Kind: EventKind.Purchase, Quantity: <= 0 } => "quantity must be positive",
            { Revenue: < 0 } => "revenue must not be negative",
            _ when timestamp > now + FutureTolerance => "timestamp is in the future",
            _ when !snapshot.TryGetIndex(personalizationEvent.ItemKey, out _) => "unknown item",
            _ => null,
        };

        if (reason is not null)
        {
            _metrics.EventRejected(reason);
            Log.EventRejected(_logger, personalizationEvent.Kind, reason);
            return;
        }

        snapshot.TryGetIndex(personalizationEvent.ItemKey, out var itemIndex);
        var update = new ProfileUpdate(itemIndex, snapshot.GetCategory(itemIndex), EventWeights.For(personalizationEvent.Kind), timestamp.UtcTicks, _affinityHalfLifeTicks);
        _statistics.AddPopularity(itemIndex, update.Weight, update.Ticks);
        _profiles.GetOrCreate(personalizationEvent.UserKey).Write(update, ProfileUpdate.Apply);
        _metrics.EventApplied(personalizationEvent.Kind);
    }
}
