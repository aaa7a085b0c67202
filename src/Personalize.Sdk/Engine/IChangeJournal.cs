namespace Personalize.Sdk.Engine;

/// <summary>
/// Every change this server made to state that other servers must share, in the order it made
/// them: the seam a shared store (the Redis package) replicates through. The default writes
/// nothing.
/// </summary>
/// <remarks>
/// Called after the local change has been applied, never under a lock a decision takes, so an
/// implementation must return at once: buffer, then write in the background. The journal speaks
/// keys, never this process's item indices. A change that arrives from another server is applied
/// through <see cref="IReplica"/> and is not journaled again.
/// </remarks>
internal interface IChangeJournal
{
    /// <summary>An event was applied: to <paramref name="profileKey"/>'s profile, or, without consent, only to the anonymous statistics (null key).</summary>
    /// <param name="profileKey">The profile it was applied to, or null when it was recorded anonymously.</param>
    /// <param name="personalizationEvent">The event as tracked.</param>
    /// <param name="timestamp">When it happened, as applied.</param>
    void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp);

    /// <summary>An anonymous key was stitched to a known one, at <paramref name="stitchedAt"/> (dated after any erasure of either key this server applied).</summary>
    void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt);

    /// <summary>
    /// Whether the journal tells this server, through <see cref="IReplica.ErasureStored"/>, when each
    /// key of its own erasure is stored.
    /// </summary>
    bool ConfirmsErasures { get; }

    /// <summary>A person was erased, by any of their keys, at <paramref name="erasedAt"/>; <paramref name="keys"/> are all of their keys this server knew, the one given included, their profile's key first.</summary>
    void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt);

    /// <summary>A unit was exposed in a holdout for the first time on this server.</summary>
    void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp);

    /// <summary>An explicit reward for another server's decision: passed on to the server that made it, which alone holds it.</summary>
    /// <returns>Whether it is on its way; false when it was dropped (a full buffer: counted and logged by the journal).</returns>
    bool Rewarded(Guid decisionId, string? itemKey, double reward);
}
