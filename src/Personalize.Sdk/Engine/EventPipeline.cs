using Microsoft.Extensions.Logging;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Diagnostics;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Readiness;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Engine;

/// <summary>
/// One tracked event, as one readable path: check it, resolve the person, check their consent,
/// apply it to their profile (which also records the anonymous aggregates: popularity and
/// next-step links), then attribute an outcome to the holdout arms the person was measured in.
/// Without consent only the anonymous popularity learns of it.
/// </summary>
internal sealed class EventPipeline(
    CatalogStore catalog,
    IIdentityMap identity,
    IProfileStore profiles,
    IItemStatistics statistics,
    ProfileServices services,
    HoldoutAssigner holdouts,
    IMeasurementLedger ledger,
    IExposureSink[] sinks,
    ReadinessMonitor readiness,
    Learner learner,
    ConsentFlags defaultConsent,
    RememberedConsents consents,
    double affinityHalfLifeTicks,
    TimeProvider timeProvider,
    IChangeJournal journal,
    IProfileRecall profileRecall,
    ErasureLog erasures,
    ErasureGuard erasureGuard,
    ErasedKeysExpiry erasedKeys,
    Action<string, string, UserProfile> withdrawn,
    PersonalizationMetrics metrics,
    ILogger logger)
{
    /// <summary>Events (and other servers' erasures) from the future beyond this tolerance are impossible, not skewed clocks.</summary>
    internal static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>A time another server or a snapshot states (UTC ticks), or <paramref name="nowTicks"/> when it is further ahead than <see cref="FutureTolerance"/>.</summary>
    internal static long NotAhead(long ticks, long nowTicks) => ticks > nowTicks + FutureTolerance.Ticks ? nowTicks : ticks;

    private readonly LogThrottle _sinkLog = new(TimeSpan.FromMinutes(1));
    private readonly LogThrottle _rejectionLog = new(TimeSpan.FromMinutes(1));

    /// <summary>
    /// Test seam: run once between finding the person's profile and writing the event to it, so a
    /// test can put a racing call (a Forget, a stitch) into that window. Null outside tests.
    /// </summary>
    internal Action? RaceBeforeProfileWrite;

    /// <summary>Applies one event: identity, consent, profile, aggregates, outcome attribution; then journals it.</summary>
    public void Track(in PersonalizationEvent personalizationEvent) => Apply(personalizationEvent, replicated: false, anonymously: false);

    /// <summary>
    /// Applies an event another server tracked and journaled, as it was applied there (to a
    /// profile, or only anonymously), without journaling it again, counting it in this server's
    /// metrics and readiness, or sending it to the sinks: those saw it where it was tracked.
    /// </summary>
    public void Replay(in PersonalizationEvent personalizationEvent, bool anonymously) => Apply(personalizationEvent, replicated: true, anonymously);

    /// <summary>
    /// Applies an event a shared store recalled (<see cref="IProfileRecall"/>) to the person's
    /// profile only: the statistics, the ledger and the learner counted it when it happened.
    /// </summary>
    /// <param name="personalizationEvent">The event as it was tracked.</param>
    /// <param name="profileKey">The key whose records it was recalled from: the profile it belongs to, whatever key it was tracked under.</param>
    public void Recall(in PersonalizationEvent personalizationEvent, string profileKey) => Apply(personalizationEvent, replicated: true, anonymously: false, recalledKey: profileKey);

    /// <summary>Counts an event this server's caller tracked and the SDK does not apply, and logs it (throttled).</summary>
    private void Reject(EventKind kind, string reason, long nowTicks)
    {
        metrics.EventRejected(reason);
        if (_rejectionLog.ShouldLog(nowTicks))
        {
            Log.EventRejected(logger, kind, reason);
        }
    }

    private void Apply(in PersonalizationEvent personalizationEvent, bool replicated, bool anonymously, string? recalledKey = null)
    {
        if (string.IsNullOrEmpty(personalizationEvent.UserKey))
        {
            throw new ArgumentException("The event needs a user key: create it with a PersonalizationEvent factory method.", nameof(personalizationEvent));
        }

        // Read before the clock: a decision counted by it began before this event did (EventOrder).
        var order = personalizationEvent.Timestamp is null ? learner.Ids.IdCounter : EventOrder.Dated;
        var now = timeProvider.GetUtcNow();
        erasedKeys.RunIfDue(now.UtcTicks);

        // Before the person's state is read: a Forget from here on diverts the event (ApplyToProfile).
        var since = erasures.Since;

        // Judged after the log is read, so a Forget that ran before is in the guard and one that runs
        // after is in the log. Only an event dated by the host can precede an erasure: one without a
        // timestamp happens now.
        if (personalizationEvent.Timestamp is { } dated && !anonymously && PrecedesErasure(personalizationEvent.UserKey, recalledKey, dated.UtcTicks))
        {
            if (replicated)
            {
                metrics.ReplicaEventSkipped();
                return;
            }

            Reject(personalizationEvent.Kind, "dated before the person was erased", now.UtcTicks);
            return;
        }

        // An undated event happens now: after any erasure of the person applied here, on every server.
        var timestamp = personalizationEvent.Timestamp
            ?? (anonymously ? now : erasureGuard.After(now, personalizationEvent.UserKey, identity, recalledKey));
        var snapshot = catalog.Current;
        var reason = FindProblem(personalizationEvent, timestamp, now, snapshot, out var itemIndex, out var preferenceId);
        if (reason is not null)
        {
            if (replicated)
            {
                // Accepted where it was tracked: this server's catalog does not know the item yet.
                metrics.ReplicaEventSkipped();
                return;
            }

            Reject(personalizationEvent.Kind, reason, now.UtcTicks);
            return;
        }

        var kept = false;
        var update = new ProfileUpdate(ref kept)
        {
            Kind = personalizationEvent.Kind,
            ItemIndex = itemIndex,
            CatalogVersion = snapshot.Version,
            CategoryId = itemIndex >= 0 ? snapshot.GetCategory(itemIndex) : CatalogSnapshot.None,
            Attributes = itemIndex >= 0 ? snapshot.GetAttributes(itemIndex) : default,
            Weight = EventWeights.For(personalizationEvent),
            Ticks = timestamp.UtcTicks,
            Undated = personalizationEvent.Timestamp is null,
            HalfLifeTicks = affinityHalfLifeTicks,
            PreferenceIsAttribute = personalizationEvent.PreferenceTarget == PreferenceTarget.Attribute,
            PreferenceId = preferenceId,
            Likes = personalizationEvent.Likes,
            Consent = personalizationEvent.Consent,
            DefaultConsent = defaultConsent,
            Statistics = statistics,
            ProfileOnly = recalledKey is not null,
            Services = services,
            UnitKey = personalizationEvent.UserKey,
        };

        var userKey = recalledKey ?? personalizationEvent.UserKey;
        var key = identity.Resolve(userKey, out var known);
        if (!replicated)
        {
            ReadinessTally.Event(readiness.EventRow(now.UtcTicks), known);
        }

        var existing = anonymously ? null : profiles.Find(key, now.UtcTicks);
        if (existing is null && !anonymously && recalledKey is null)
        {
            // Before the consent check: a person this server does not hold may have consented elsewhere.
            profileRecall.Missing(key);
        }

        var consent = existing?.ReadConsent() ?? consents.For(key);
        if (recalledKey is not null)
        {
            // The profile was created before its history was fetched, and events applied since are
            // newer: a recalled consent is weighed against the one in force under the profile's lock.
            if (ApplyToProfile(userKey, update with { UnitKey = recalledKey }, key, existing, since, now.UtcTicks, recall: false, out var recalledBy) is { } recalled
                && personalizationEvent.Kind == EventKind.Consent)
            {
                Stated(personalizationEvent.Consent, userKey, recalledBy, recalled);
            }

            return;
        }

        // Without consent nothing about the person is stored, not even an empty profile; nor after
        // they were erased, or withdrew consent, while this event was in flight.
        if (anonymously || (personalizationEvent.Kind != EventKind.Consent && !ProfileUpdate.MayStoreBehaviour(consent))
            || ApplyToProfile(personalizationEvent.UserKey, update, key, existing, since, now.UtcTicks, recall: true, out var keptBy) is not { } profile)
        {
            ProfileUpdate.RecordAnonymously(update);
            if (!replicated)
            {
                metrics.EventApplied(personalizationEvent.Kind, anonymously: true);
                journal.EventApplied(null, personalizationEvent, timestamp);
            }

            return;
        }

        if (personalizationEvent.Kind is EventKind.Click or EventKind.AddToCart or EventKind.Purchase && profile.ReadUnitKey() is { } rewardedUnit)
        {
            // Replicated outcomes count too: the decision may have been made on this server and clicked on another.
            // A decision made before a sign-in waits under the key the person had then: every key of theirs is looked under.
            var profileKey = identity.Resolve(personalizationEvent.UserKey);
            learner.Attribute(rewardedUnit, profileKey, identity.AliasesOf(profileKey), personalizationEvent.Kind, personalizationEvent.ItemKey!, timestamp, order);
        }

        if (personalizationEvent.Kind == EventKind.Consent)
        {
            Stated(personalizationEvent.Consent, userKey, keptBy, profile);
        }

        if (holdouts.Count > 0 && personalizationEvent.Kind is EventKind.Click or EventKind.AddToCart or EventKind.Purchase && profile.ReadUnitKey() is { } unitKey)
        {
            MeasureOutcome(personalizationEvent, unitKey, timestamp, order, now, replicated);
        }

        if (!replicated)
        {
            metrics.EventApplied(personalizationEvent.Kind, anonymously: false);
            journal.EventApplied(key, personalizationEvent, timestamp);
        }
    }

    /// <summary>
    /// After <paramref name="profile"/> (under <paramref name="profileKey"/>) took
    /// <paramref name="consent"/>, tracked here or recalled, by <paramref name="userKey"/>: what
    /// changes beyond the profile.
    /// </summary>
    private void Stated(ConsentFlags consent, string userKey, string profileKey, UserProfile profile)
    {
        if (!ProfileUpdate.MayStoreBehaviour(consent))
        {
            // Withdrawing erases the behaviour held so far: the person's decisions waiting for rewards,
            // under any key of theirs, are some of it, and so is what a decision in flight logs.
            // Named by the profile that took it: a sign-in since may have merged it into an account's.
            withdrawn(userKey, profileKey, profile);
        }

        // Copies of an older withdrawal kept under keys an eviction unlinked from the person follow
        // the new statement: those of the profile that took it, not of an account it merged into since.
        consents.Restate(profileKey, profile.ReadDatedConsent());
    }

    /// <summary>
    /// Writes to the user's profile. A concurrent stitch can move the user to another profile and
    /// retire the old one; the loop then resolves again, so the event lands on the survivor. The
    /// first try reuses the key and profile the consent check already looked up. A profile about to
    /// be created is first reported missing, so a shared store can recall the person's history.
    /// Returns null when the write was refused because the person was erased since
    /// <paramref name="since"/> (a fresh profile would bring them back after Forget returned), or
    /// was not made because such an erasure cleared them before the profile was found or made
    /// (<see cref="ErasedMeanwhile"/>: a profile this call made for it, still unwritten, is taken
    /// out again; one another call made, or wrote to, since, is theirs), or when the profile did not keep the event because the
    /// person withdrew consent since their consent was read (checked under the profile's lock):
    /// either way the event is then anonymous.
    /// <paramref name="profileKey"/> is the key of the profile that kept it.
    /// </summary>
    private UserProfile? ApplyToProfile(string userKey, in ProfileUpdate update, string key, UserProfile? found, long since, long startTicks, bool recall, out string profileKey)
    {
        profileKey = key;

        // The keys the event had when it read the person's state: an erasure of the person then
        // names them all. A key reached later, through a sign-in since, may be another life's.
        var readKey = key;
        if (RaceBeforeProfileWrite is not null)
        {
            Interlocked.Exchange(ref RaceBeforeProfileWrite, null)?.Invoke();
        }

        while (true)
        {
            if (found is null && identity.Resolve(userKey) is var current && !string.Equals(current, key, StringComparison.Ordinal))
            {
                // A stitch since the key was resolved: create nothing under the old key (an empty
                // profile left there would count against MaxProfiles, whatever the account's consent).
                // But a person erased meanwhile stays erased: their event goes to no one's profile.
                if (erasures.ErasedSince(since, userKey, key))
                {
                    return null;
                }

                key = current;
                continue;
            }

            if (found is null && recall && profiles.Peek(key) is null)
            {
                profileRecall.Missing(key);
            }

            var lookedUp = found is null;
            var createdVersion = -1;
            var profile = found ?? profiles.GetOrCreate(key, out createdVersion);
            found = null;
            if (lookedUp && ErasedMeanwhile(userKey, readKey, since, update.Ticks, startTicks))
            {
                // A consent the store moved into the profile it made (one kept apart at an eviction
                // since the erasure) is the person's new statement: kept apart again, not dropped.
                var taken = createdVersion >= 0 ? profile.ReadDatedConsent() : null;
                if (createdVersion >= 0 && profile.EraseIfUnwrittenSince(createdVersion) && profiles.Remove(key, profile))
                {
                    if (taken is not null)
                    {
                        consents.Remember(key, taken);
                    }

                    // A recall reported before the profile was made must not bring them back either.
                    profileRecall.Released(key);
                }

                return null;
            }

            if (string.Equals(key, identity.Resolve(userKey), StringComparison.Ordinal) && profile.Write(update.ProfileOnly ? update : update with { UnitKey = key }, ProfileUpdate.Apply))
            {
                profileKey = key;
                return update.Kept ? profile : null;
            }

            // Refused after the erasure retired the profile or dropped the link: it was published first.
            if (erasures.ErasedSince(since, userKey, key))
            {
                return null;
            }

            key = identity.Resolve(userKey);
        }
    }

    /// <summary>
    /// Before an event writes to a profile it found or made only once the person's state was read
    /// (<paramref name="since"/>): whether a Forget of the person ran meanwhile and cleared them
    /// before the profile was found, so that the write would bring them back. The event is then the
    /// caller's to count anonymously. A Forget that runs after the profile was found removes and
    /// erases it itself, and the write is refused.
    /// </summary>
    /// <remarks>
    /// Off the common path: a full fence and one field read, only when the event made the profile or
    /// found it only now. The fence pairs with the erasure's, which publishes the log before it
    /// clears: either the erasure's clearing finds this profile, or this finds the erasure in the log.
    /// An erasure the log names is the person's, whatever the event's date, as for a profile the
    /// erasure retired under the write. One the log holds only as perhaps (it left the log's whole
    /// entries, pushed out by later erasures or past its window, so it has ended and the guard has
    /// it) counts only if the guard's erasure of the key came after the event started
    /// (<paramref name="startTicks"/>) and the event precedes it: an older erasure says nothing about
    /// this event's flight.
    /// </remarks>
    private bool ErasedMeanwhile(string userKey, string key, long since, long eventTicks, long startTicks)
    {
        Interlocked.MemoryBarrier();
        return erasures.Check(since, userKey, key) switch
        {
            ErasureVerdict.NotErased => false,
            ErasureVerdict.Perhaps => ErasedInFlight(userKey, eventTicks, startTicks) || ErasedInFlight(key, eventTicks, startTicks),
            _ => true,
        };
    }

    private bool ErasedInFlight(string key, long eventTicks, long startTicks) =>
        erasureGuard.Precedes(key, eventTicks) && erasureGuard.ArrivedSince(key, startTicks);

    // Whether an event dated at eventTicks precedes an erasure of its user key, or of the key it was recalled under.
    private bool PrecedesErasure(string userKey, string? recalledKey, long eventTicks) =>
        erasureGuard.Precedes(userKey, eventTicks) || (recalledKey is not null && erasureGuard.Precedes(recalledKey, eventTicks));

    /// <summary>Attributes a click, cart or purchase to the unit's arm of every holdout it was exposed in.</summary>
    private void MeasureOutcome(in PersonalizationEvent personalizationEvent, string unitKey, DateTimeOffset timestamp, long order, DateTimeOffset now, bool replicated)
    {
        var revenue = personalizationEvent.Kind == EventKind.Purchase ? (double)personalizationEvent.Revenue : 0;
        for (var i = 0; i < holdouts.Count; i++)
        {
            if (!ledger.TryAttribute(i, unitKey, personalizationEvent.Kind, revenue, timestamp.UtcTicks, order, out var arm) || replicated)
            {
                continue;
            }

            foreach (var sink in sinks)
            {
                try
                {
                    sink.RecordOutcome(new Outcome(unitKey, holdouts.Holdouts[i].Name, arm, personalizationEvent.Kind, personalizationEvent.ItemKey!, personalizationEvent.Revenue, timestamp));
                }
                catch (Exception exception)
                {
                    metrics.SinkFaulted();
                    // Throttled on the host's clock: a batch of back-dated outcomes is tracked at once.
                    if (_sinkLog.ShouldLog(now.UtcTicks))
                    {
                        Log.SinkFaulted(logger, sink.GetType().Name, exception.GetType().Name);
                    }
                }
            }
        }
    }

    /// <summary>Why the event cannot be applied, or null; resolves its item and preference target.</summary>
    private static string? FindProblem(
        in PersonalizationEvent personalizationEvent,
        DateTimeOffset timestamp,
        DateTimeOffset now,
        CatalogSnapshot snapshot,
        out int itemIndex,
        out int preferenceId)
    {
        itemIndex = CatalogSnapshot.None;
        preferenceId = CatalogSnapshot.None;
        var kind = personalizationEvent.Kind;
        if ((uint)kind > (uint)EventKind.Consent)
        {
            return "unknown event kind";
        }

        if (timestamp > now + FutureTolerance)
        {
            return "timestamp is in the future";
        }

        switch (kind)
        {
            case EventKind.Purchase when personalizationEvent.Quantity <= 0:
                return "quantity must be positive";
            case EventKind.Purchase when personalizationEvent.Revenue < 0:
                return "revenue must not be negative";
            case EventKind.Rating when !(personalizationEvent.RatingValue is >= 0f and <= 1f):
                return "rating must be between 0 and 1";
            case EventKind.StatedPreference:
                return FindPreferenceTarget(personalizationEvent, snapshot, out preferenceId);
            case EventKind.Consent:
                return null;
            case EventKind.Complaint when personalizationEvent.ItemKey is null:
                return null;
        }

        if (string.IsNullOrEmpty(personalizationEvent.ItemKey) || !snapshot.TryGetIndex(personalizationEvent.ItemKey, out itemIndex))
        {
            // A complaint about an item we do not know still suppresses promotions: safety first.
            itemIndex = CatalogSnapshot.None;
            return kind == EventKind.Complaint ? null : "unknown item";
        }

        return null;
    }

    private static string? FindPreferenceTarget(in PersonalizationEvent personalizationEvent, CatalogSnapshot snapshot, out int preferenceId)
    {
        preferenceId = CatalogSnapshot.None;
        var name = personalizationEvent.PreferenceName;
        if (string.IsNullOrEmpty(name))
        {
            return "stated preference names nothing";
        }

        if (personalizationEvent.PreferenceTarget == PreferenceTarget.Category)
        {
            return snapshot.TryGetCategoryId(name, out preferenceId) ? null : "unknown category";
        }

        return snapshot.TryGetAttributeId(name, personalizationEvent.PreferenceValue, out preferenceId) ? null : "unknown attribute";
    }
}
