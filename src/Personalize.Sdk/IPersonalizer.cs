using Personalize.Sdk.Reporting;

namespace Personalize.Sdk;

/// <summary>
/// Ranks candidate items for a user and learns from what the user does, entirely in process.
/// </summary>
/// <remarks>
/// Register it with <c>services.AddPersonalization(...)</c>; it is a thread-safe singleton.
/// A tracked event is visible to the very next decision on this server in the person's profile and
/// in the item statistics (popularity, trends, next-step links), but not in the similar-items
/// model, which takes it in when it is next rebuilt in the background (every 15 minutes).
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

    /// <summary>
    /// Records what a user did. The user's profile and the item statistics (popularity, trends,
    /// next-step links) change at once; the similar-items model takes the event in at its next
    /// background rebuild, every 15 minutes.
    /// </summary>
    /// <param name="personalizationEvent">The event to record.</param>
    /// <remarks>
    /// An event the SDK cannot apply (an unknown item, an impossible value) is not thrown back to
    /// the caller: it is counted and logged with the reason.
    /// </remarks>
    /// <exception cref="ArgumentException">The event has no user key, or names no item for an item event.</exception>
    void Track(in PersonalizationEvent personalizationEvent);

    /// <summary>
    /// Rewards a decision, as Azure Personalizer's Reward did: the reward is credited to the
    /// decision's first item (the one Rank would have returned alone). For a placement that learns
    /// (see <see cref="LearningOptions"/>), until the decision's
    /// <see cref="LearningOptions.RewardWaitTime"/> has passed.
    /// </summary>
    /// <param name="decisionId">The decision's id (<see cref="Decision.Id"/> or <see cref="DecisionInfo.Id"/>).</param>
    /// <param name="reward">From 0 to 1. An item's reward is the largest it received, explicit or automatic.</param>
    /// <returns>
    /// True when a decision waiting for rewards on this server took it, or, when servers share state
    /// (the Redis package), when the decision was another server's and the reward was passed on to
    /// it; false for an unknown, settled or not learning decision of this server (counted in
    /// <c>personalize.learning.rewards_unmatched</c>), for an id no server makes (not a version 7,
    /// RFC 9562 variant GUID, such as <see cref="Guid.Empty"/> or one from <see cref="Guid.NewGuid()"/>:
    /// counted there too, and never passed on), and for another server's decision whose
    /// reward could not be passed on (the Redis write buffer was full: counted in
    /// <c>personalize.redis.writes.dropped</c> and logged). A well-formed id this server did not
    /// make is taken for another server's and acknowledged once queued: this server cannot know
    /// that no server made it. A holdout control decision on a learning placement takes rewards too
    /// (true): they feed the learning report's control mean, never the learner. A low-intent
    /// decision (<see cref="RequestContext.LowIntent"/>), in either arm, is not a learning decision (false).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reward"/> is below 0, above 1 or NaN.</exception>
    bool Reward(Guid decisionId, double reward);

    /// <summary>
    /// Rewards one item a decision showed (a slate's slot, as Azure Personalizer's multi-slot rewards).
    /// Only the first <see cref="LearningOptions.CandidatePool"/> items of a decision are logged for
    /// learning; a reward for an item shown beyond them is not taken.
    /// </summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="itemKey">The shown item.</param>
    /// <param name="reward">From 0 to 1. An item's reward is the largest it received, explicit or automatic.</param>
    /// <returns>
    /// True when a decision waiting for rewards on this server showed the item and took the reward,
    /// or when another server's decision's reward was passed on to it; false otherwise, an id no
    /// server makes (not a version 7, RFC 9562 variant GUID: never passed on) and a reward for
    /// another server's decision that a full Redis write buffer dropped included. As with
    /// <see cref="Reward(Guid, double)"/>, a well-formed id this server did not make is acknowledged
    /// once queued for the other servers, which alone can tell whether it is theirs.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="itemKey"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="itemKey"/> is empty or not well-formed (a lone surrogate).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reward"/> is below 0, above 1 or NaN.</exception>
    bool Reward(Guid decisionId, string itemKey, double reward);

    /// <summary>
    /// Stitches an anonymous visitor to a known identity, typically at sign-in: the anonymous
    /// profile is merged into the known one and afterwards either key reaches the same profile.
    /// The account's consent wins: its stated consent, else (the account already has a profile here)
    /// the one in force for it, <see cref="PersonalizationOptions.DefaultConsent"/>; a guest's stated
    /// consent is never imposed on an account. Only when the known key has no profile in this server's
    /// memory (a new account: the guest's profile becomes the account's; an account this server
    /// evicted counts as new, except that a withdrawal of consent it remembers for the evicted account
    /// still wins) is the guest's stated consent kept, as the person's only statement (a withdrawal
    /// remembered for an evicted guest included).
    /// </summary>
    /// <param name="anonymousKey">The key the visitor had before (a cookie or device id).</param>
    /// <param name="knownKey">The account key they signed in with.</param>
    /// <returns>
    /// What happened. Calling it again with the same keys merges and links nothing more; passing one
    /// key as both (an account that is its own visitor key) marks it signed in and links nothing
    /// (<see cref="IdentifyResult.AlreadyStitched"/>).
    /// </returns>
    /// <remarks>
    /// Chains resolve to the last key (a to b, then b to c: all reach c). One account is never merged
    /// into another through an anonymous key: when <paramref name="anonymousKey"/> is already stitched
    /// to another account (a shared device signing in to a second one), the call is refused
    /// (<see cref="IdentifyResult.RefusedAnonymousKeyIsLinked"/>) and nothing moves; give the new
    /// session a new anonymous key and stitch that.
    /// A key already stitched to another (a guest's, or an account merged into another) is never made
    /// the known side (sign in to the account it reaches), and a profile takes at most
    /// <see cref="PersonalizationOptions.MaxAliasesPerProfile"/> aliases (shared devices); a refusal
    /// is returned and counted, not thrown.
    /// </remarks>
    /// <exception cref="ArgumentException">A key is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    IdentifyResult Identify(string anonymousKey, string knownKey);

    /// <summary>
    /// Erases a user at once (right to erasure): their profile, every alias stitched to it and all
    /// per-user state. Afterwards the key is a new user. Aggregates that hold no personal data
    /// (item popularity, co-occurrence) are kept.
    /// </summary>
    /// <param name="userKey">Any key of the user: the known key or one of its aliases.</param>
    /// <returns>True when there was anything to erase.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    bool Forget(string userKey);

    /// <summary>
    /// The holdout arm a person is in, without ranking and without recording anything: the arm
    /// their next decision would carry in that holdout. It is assigned by the person's sticky unit
    /// (the key they were first measured or seen under, which survives signing in), else by the key
    /// itself. It is this holdout's own assignment: a person another holdout puts in control gets
    /// the control experience, and is not counted in this holdout's treatment arm, whatever this
    /// returns (the decision then carries the other holdout).
    /// </summary>
    /// <param name="userKey">Any key of the person.</param>
    /// <param name="holdout">The holdout's name.</param>
    /// <returns>The person's assignment in that holdout.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate), or no holdout has that name.</exception>
    HoldoutAssignment GetHoldoutAssignment(string userKey, string holdout);

    /// <summary>The consent in force for a person: what they stated with a consent event, else <see cref="PersonalizationOptions.DefaultConsent"/>.</summary>
    /// <param name="userKey">Any key of the person.</param>
    /// <returns>The consent the SDK acts on for them.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    ConsentFlags GetConsent(string userKey);

    /// <summary>
    /// Reads back everything this server holds in memory about a person, for a data-access request:
    /// the keys linked to them, their consent, their profile in the catalog's names, the decisions
    /// waiting for their rewards, and the holdouts they were measured in. Changes nothing but an idle
    /// profile, which it evicts first, as a decision would. After <see cref="Forget"/> it is empty.
    /// </summary>
    /// <remarks>
    /// Without a shared store this is everything the SDK holds. With <c>Personalize.Sdk.Redis</c>, a
    /// person this server does not hold (let go when idle or past
    /// <see cref="PersonalizationOptions.MaxProfiles"/>, or never seen since it started) may still
    /// have records in Redis: use <see cref="GetPersonalDataAsync"/>, which recalls them first.
    /// </remarks>
    /// <param name="userKey">Any key of the person: the known key or one of its aliases.</param>
    /// <returns>What is held; <see cref="PersonalData.ToJson"/> gives the documented JSON.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate).</exception>
    PersonalData GetPersonalData(string userKey);

    /// <summary>
    /// Reads back everything the SDK holds about a person, for a data-access request, shared stores
    /// included: with <c>Personalize.Sdk.Redis</c>, a person this server does not hold in memory is
    /// first recalled from Redis (their records and stitched keys, as their next decision would
    /// recall them, which leaves them in this server's memory), then reported as
    /// <see cref="GetPersonalData"/> reports them. Without a shared store it is
    /// <see cref="GetPersonalData"/>, completed at once.
    /// </summary>
    /// <remarks>
    /// It waits for Redis: while Redis is unreachable the recall waits for the connection to return,
    /// so pass a <paramref name="cancellationToken"/> to bound it. The default implementation (for
    /// test fakes) returns <see cref="GetPersonalData"/>.
    /// </remarks>
    /// <param name="userKey">Any key of the person: the known key or one of its aliases.</param>
    /// <param name="cancellationToken">Cancels the wait for Redis; the report is then not produced.</param>
    /// <returns>What is held; <see cref="PersonalData.ToJson"/> gives the documented JSON.</returns>
    /// <exception cref="ArgumentException"><paramref name="userKey"/> is null, empty, only white space or not well-formed (a lone surrogate); thrown at once, not through the task.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the recall ended (through the task).</exception>
    Task<PersonalData> GetPersonalDataAsync(string userKey, CancellationToken cancellationToken = default)
    {
        var data = GetPersonalData(userKey);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<PersonalData>(cancellationToken) : Task.FromResult(data);
    }
}
