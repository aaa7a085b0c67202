namespace Personalize.Sdk.Engine;

/// <summary>
/// Applies a change another server journaled (<see cref="IChangeJournal"/>) to this server's
/// memory, exactly as the local call would have, but without journaling it again.
/// </summary>
/// <remarks>
/// A shared store calls these in the order the changes were made cluster-wide. Applying the same
/// sequence on every server gives every server the same statistics, ledger and identity map;
/// a server's own changes are applied when made, before the others' that came first in the
/// journal, so two servers changing one person within the replication lag can differ
/// (docs/scaling.md, "Two servers, one person, within the replication lag").
/// </remarks>
internal interface IReplica
{
    /// <summary>Applies another server's event; <paramref name="profileKey"/> null means it was recorded anonymously there.</summary>
    void ApplyEvent(string? profileKey, in PersonalizationEvent personalizationEvent);

    /// <summary>
    /// Applies another server's stitch, made at <paramref name="stitchedAt"/> (null: unknown, an entry
    /// written before stitches carried their time). One made before an erasure of either key this
    /// server applied is passed over: the erasure reached both keys where the stitch was stored.
    /// </summary>
    void ApplyStitch(string anonymousKey, string knownKey, DateTimeOffset? stitchedAt);

    /// <summary>
    /// Applies another server's erasure, made at <paramref name="erasedAt"/> (null: unknown, an entry
    /// written before erasures carried their time). With <paramref name="owner"/>, the key was erased
    /// as one of that person's keys: where it is linked here to someone else (as the shared store
    /// links it: the first stitch of a shared device holds), it is theirs, and nothing is erased.
    /// </summary>
    void ApplyForget(string userKey, DateTimeOffset? erasedAt, string? owner = null);

    /// <summary>
    /// The shared store has stored this server's own erasure of <paramref name="userKey"/>, made at
    /// <paramref name="erasedAt"/> (<see cref="IChangeJournal.ConfirmsErasures"/>): other servers'
    /// events from before it are passed over for the usual window from now.
    /// </summary>
    void ErasureStored(string userKey, DateTimeOffset erasedAt);

    /// <summary>Applies another server's first exposure of a unit.</summary>
    void ApplyExposure(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp);

    /// <summary>
    /// Adds to <paramref name="profileKey"/>'s profile what a shared store recalled of the person
    /// (<see cref="IProfileRecall"/>): events already counted in this server's statistics, ledger
    /// and learner when they happened, so only the profile learns of them. Events from before an
    /// erasure of the person are passed over. Of the recalled consents only the last counts, applied
    /// before the rest, and only when the profile has none stated since. The keys in <paramref name="aliases"/>, stitched to the person, are stitched
    /// again here (this server let the links go with the profile); the history of each is recalled in turn.
    /// When an erasure of the person the store links the key to (<paramref name="stitchedTo"/>) arrived
    /// here after the recall was asked for (<paramref name="requestedTicks"/>), the fetch may have read
    /// the key before the erasure reached it in the store: what the key did before that erasure is the
    /// erased person's and is passed over. An erasure that arrived before the recall was asked for had
    /// reached the store already, so what the key still holds there is not the erased person's.
    /// </summary>
    void ApplyRecalled(string profileKey, IReadOnlyList<string> aliases, IReadOnlyList<PersonalizationEvent> events, string? stitchedTo = null, long requestedTicks = long.MinValue);

    /// <summary>
    /// The shared store links <paramref name="alias"/> to <paramref name="person"/>, the first stitch
    /// of the alias it took (it refuses a later one to another person): the alias is linked to them
    /// here, and a link here to another person is undone first. Such a link was made by a server
    /// that did not hold the alias's person when it signed in elsewhere, and answered from what it
    /// held; what the alias did here under the other person since stays with them. Nothing is done
    /// when either key was erased in the guard's window (the store's links may predate it).
    /// </summary>
    void ApplyStoredLink(string alias, string person);

    /// <summary>
    /// Whether this server holds a profile for <paramref name="profileKey"/> (as it resolves here):
    /// an event applied to a person with none was recorded anonymously (their consent unknown here),
    /// so a recall of the person must still add it.
    /// </summary>
    bool HoldsProfile(string profileKey);

    /// <summary>Credits a reward another server received for one of this server's decisions; others' decisions are passed over, and so is a reward outside [0, 1] (counted as unmatched).</summary>
    void ApplyReward(Guid decisionId, string? itemKey, double reward);
}
