namespace Personalize.Sdk;

/// <summary>
/// Ranks candidate items for a user and learns from what the user does, entirely in process.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddPersonalization(...)</c>; it is a thread-safe singleton.
/// Every tracked event is visible to the very next decision.
/// </remarks>
public interface IPersonalizer
{
    /// <summary>Ranks the request's candidates (or the whole catalog) for the request's user.</summary>
    /// <param name="request">Who to rank for, which candidates, and how many to return.</param>
    /// <returns>The decision: the ranked items, the variant that served them and a unique id.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> has no user key or a negative count.</exception>
    Decision Rank(in PersonalizationRequest request);

    /// <summary>
    /// Ranks into a caller-supplied buffer. Once warm this overload allocates nothing, so it suits
    /// the hottest paths; at most <c>destination.Length</c> items are written.
    /// </summary>
    /// <param name="request">Who to rank for and which candidates; <see cref="PersonalizationRequest.Count"/> is capped by the length of <paramref name="destination"/>.</param>
    /// <param name="destination">Receives the ranked items, best first.</param>
    /// <param name="info">The decision's id and variant.</param>
    /// <returns>The number of items written to <paramref name="destination"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="request"/> has no user key or a negative count.</exception>
    int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info);

    /// <summary>Records what a user did. The user's profile and the item statistics change at once.</summary>
    /// <param name="personalizationEvent">The event to record.</param>
    /// <remarks>
    /// An event the SDK cannot apply (an unknown item, an impossible value) is not thrown back to
    /// the caller: it is counted and logged with the reason.
    /// </remarks>
    /// <exception cref="ArgumentException">The event has no user key, or names no item for an item event.</exception>
    void Track(in PersonalizationEvent personalizationEvent);
}
