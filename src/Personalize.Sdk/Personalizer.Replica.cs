using Personalize.Sdk.Engine;

namespace Personalize.Sdk;

/// <summary>Changes journaled by other servers, applied here as the local calls would, without journaling them again.</summary>
internal sealed partial class Personalizer
{
    void IReplica.ApplyStitch(string anonymousKey, string knownKey, DateTimeOffset? stitchedAt)
    {
        lock (_identityGate)
        {
            // Made elsewhere before this server erased either key (read here only after the erasure):
            // linking them again would bring back a link the erasure removed. Without a time (an older
            // entry), any erasure of either key still remembered counts as later.
            var ticks = stitchedAt?.UtcTicks ?? long.MinValue;
            if (_erasures.Precedes(anonymousKey, ticks) || _erasures.Precedes(knownKey, ticks))
            {
                _metrics.ReplicaEventSkipped();
                return;
            }

            Stitch(anonymousKey, knownKey, mirrored: true);
        }
    }

    // Guarded from when the person was erased where it happened, not from when it arrived here: a
    // snapshot replays it minutes later, and the events journaled between are judged against it.
    // An erasure dated further ahead than a skewed clock explains (a corrupt entry) is taken as of
    // now: guarded from its stated time, it would pass over the person's every event until then.
    void IReplica.ApplyForget(string userKey, DateTimeOffset? erasedAt, string? owner)
    {
        var ticks = erasedAt is { } stated ? NotAhead(stated.UtcTicks) : _timeProvider.GetUtcNow().UtcTicks;
        lock (_identityGate)
        {
            if (owner is not null && _identity.IsAlias(userKey) && !string.Equals(_identity.Resolve(userKey), _identity.Resolve(owner), StringComparison.Ordinal))
            {
                // Erased as the owner's key, but linked here to someone else, as Redis links it (the
                // first stitch of a shared device): one account is never erased through a shared device.
                _metrics.ReplicaEventSkipped();
                return;
            }

            Erase(userKey, ticks, out _);
        }
    }

    void IReplica.ErasureStored(string userKey, DateTimeOffset erasedAt) => _erasures.Stored(userKey, erasedAt.UtcTicks);

    void IReplica.ApplyEvent(string? profileKey, in PersonalizationEvent personalizationEvent)
    {
        if (profileKey is not null && PrecedesErasure(profileKey, personalizationEvent))
        {
            _metrics.ReplicaEventSkipped();
            return;
        }

        _events.Replay(personalizationEvent, anonymously: profileKey is null);
    }

    bool IReplica.HoldsProfile(string profileKey) => _profiles.Peek(_identity.Resolve(profileKey)) is not null;

    void IReplica.ApplyRecalled(string profileKey, IReadOnlyList<string> aliases, IReadOnlyList<PersonalizationEvent> events, string? stitchedTo, long requestedTicks)
    {
        // An erasure of the person the key is linked to that overtook the fetch: judged against below.
        var overtaken = stitchedTo is not null && _erasures.ArrivedSince(stitchedTo, requestedTicks) ? stitchedTo : null;

        // The person's consent is the last one they stated: applied first, so what they did since is
        // judged by it (the records hold no behaviour from before a withdrawal, and none while withdrawn).
        var lastConsent = -1;
        for (var i = 0; i < events.Count; i++)
        {
            lastConsent = events[i].Kind == EventKind.Consent ? i : lastConsent;
        }

        if (lastConsent >= 0)
        {
            Recall(profileKey, events[lastConsent], overtaken);
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Kind != EventKind.Consent)
            {
                Recall(profileKey, events[i], overtaken);
            }
        }

        if (aliases.Count == 0)
        {
            return;
        }

        lock (_identityGate)
        {
            // A recalled key may itself be linked to a person now (a guest who signed in): its own
            // aliases (a device stitched to the guest before) are linked to that person, as a chain
            // resolves to its last key; stitched to the guest key, they would be refused as an alias's.
            var person = _identity.Resolve(profileKey);
            foreach (var alias in aliases)
            {
                // An erasure that overtook the fetch must not be undone by the links it read.
                if (!_erasures.Remembers(alias) && !_erasures.Remembers(profileKey) && !_erasures.Remembers(person))
                {
                    Stitch(alias, person, linked: true);
                }
            }
        }
    }

    void IReplica.ApplyStoredLink(string alias, string person)
    {
        lock (_identityGate)
        {
            var target = _identity.Resolve(person);
            if (_erasures.Remembers(alias) || _erasures.Remembers(person) || _erasures.Remembers(target))
            {
                return;
            }

            if (_identity.IsAlias(alias) && !string.Equals(_identity.Resolve(alias), target, StringComparison.Ordinal))
            {
                // This server linked the alias to someone else, not holding the person it was stitched
                // to when it signed in again: one account is never merged into another through a device.
                _identity.Unlink(alias);
                _metrics.StitchOverruled();
            }

            Stitch(alias, target, linked: true);
        }
    }

    private void Recall(string profileKey, in PersonalizationEvent personalizationEvent, string? overtakenBy = null)
    {
        // Also against the erasure of the person the store links the key to, when it overtook the
        // fetch (this server, not knowing the link, erased only the person): what the key did before
        // it is theirs; what it did after (the person back, signed in again) stays.
        if (PrecedesErasure(profileKey, personalizationEvent)
            || (overtakenBy is not null && personalizationEvent.Timestamp is { } timestamp && _erasures.Precedes(overtakenBy, timestamp.UtcTicks)))
        {
            _metrics.ReplicaEventSkipped();
            return;
        }

        _events.Recall(personalizationEvent, profileKey);
    }

    // An event tracked elsewhere before the person was erased must not bring them back.
    private bool PrecedesErasure(string profileKey, in PersonalizationEvent personalizationEvent) =>
        personalizationEvent.Timestamp is { } timestamp &&
        (_erasures.Precedes(personalizationEvent.UserKey, timestamp.UtcTicks) || _erasures.Precedes(profileKey, timestamp.UtcTicks));

    void IReplica.ApplyReward(Guid decisionId, string? itemKey, double reward)
    {
        if (!(reward is >= 0 and <= 1))
        {
            // Taken by no public call (Reward throws): learned from, one NaN would poison the weights.
            _metrics.LearningRewardUnmatched();
            return;
        }

        if (Learner.Ids.IsOwn(decisionId))
        {
            Learner.Reward(decisionId, itemKey, reward);
        }
    }

    /// <summary>Another server's time of an erasure (UTC ticks), or now when it is further ahead than <see cref="EventPipeline.FutureTolerance"/>.</summary>
    private long NotAhead(long ticks) => EventPipeline.NotAhead(ticks, _timeProvider.GetUtcNow().UtcTicks);

    void IReplica.ApplyExposure(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
    {
        // A decision in flight when its person was erased journals its exposure, then undoes it
        // where it was made: one that arrives here after the erasure must not measure them again.
        // One made in the erasure's own tick is taken to follow it, as its journal order says.
        if (_erasures.Precedes(unitKey, timestamp.UtcTicks + 1))
        {
            return;
        }

        for (var i = 0; i < _holdouts.Count; i++)
        {
            if (string.Equals(_holdouts.Holdouts[i].Name, holdout, StringComparison.Ordinal))
            {
                // Journaled after a stitch it raced where it was made: settled again here, as there.
                if (_ledger.RecordExposure(i, unitKey, arm, timestamp.UtcTicks, EventOrder.Elsewhere, out var first) && first)
                {
                    ExposedFirst(null, unitKey);
                }

                return;
            }
        }
    }
}
