namespace Personalize.Sdk.Engine;

/// <summary>
/// Where a shared store finds the history of a person this server does not hold in memory: one
/// evicted here (<see cref="PersonalizationOptions.MaxProfiles"/>, idle expiry) or never seen by this
/// server since it started. The default finds nothing: without a shared store, a person who is not
/// in memory has no history anywhere.
/// </summary>
/// <remarks>
/// Both calls must return at once: the store fetches in the background and hands what it found to
/// <see cref="IReplica.ApplyRecalled"/>. They are made on the decision path, so the default does nothing.
/// </remarks>
internal interface IProfileRecall
{
    /// <summary>
    /// This server holds no profile under <paramref name="profileKey"/> and needs it: it is about to
    /// create one for an event or a stitch, or a decision found none. Called before the profile is created.
    /// </summary>
    /// <param name="profileKey">The key.</param>
    /// <param name="linked">A key a recall linked to the person it brought back: part of a recall already
    /// under way (bounded by the person's aliases), so a store queues it past its limit.</param>
    void Missing(string profileKey, bool linked = false);

    /// <summary>The profile under <paramref name="profileKey"/> left this server's memory (evicted, merged into another, or erased).</summary>
    void Released(string profileKey);

    /// <summary>
    /// For a data-access request, off the decision path: starts a recall of <paramref name="profileKey"/>
    /// when <paramref name="missing"/> (this server holds no profile for them), then waits until the
    /// person's recall in flight, if any, has ended (added to the profile, found empty, failed or
    /// released). Completes at once when nothing is recalled.
    /// </summary>
    Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken);
}
