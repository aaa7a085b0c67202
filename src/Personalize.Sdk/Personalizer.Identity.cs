using System.Runtime.CompilerServices;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    // Stitching and erasure are rare; one lock keeps the identity map and profile merges consistent.
    private readonly Lock _identityGate = new();

    // The keys a stitch's source held before it was linked (its own stitched devices, their units),
    // by its retired profile: a withdrawal that wrote the profile before the stitch merged it reaches them.
    private readonly ConditionalWeakTable<UserProfile, string[]> _keysOfRetired = new();

    /// <summary>Whether this thread holds the identity lock, for tests that check what is done under it (journaling).</summary>
    internal bool HoldsIdentityGate => _identityGate.IsHeldByCurrentThread;

    public IdentifyResult Identify(string anonymousKey, string knownKey)
    {
        WellFormedText.ThrowIfInvalidKey(anonymousKey);
        WellFormedText.ThrowIfInvalidKey(knownKey);
        IdentifyResult result;
        lock (_identityGate)
        {
            // One key as both is an account that is its own visitor key signing in: marked known,
            // with its profile held (and evicted with it), and nothing linked or merged.
            result = Stitch(anonymousKey, knownKey);

            // Journaled under the gate (the journal only enqueues): stitches and erasures reach the
            // journal in the order they were applied here, so every other server applies them so too.
            // Dated after any erasure of either key applied here, so other servers take it as made after it.
            if (result == IdentifyResult.Stitched)
            {
                var now = _erasures.After(_erasures.After(_timeProvider.GetUtcNow(), anonymousKey, _identity), knownKey, _identity);
                _journal.Stitched(anonymousKey, knownKey, now);
            }
        }

        _metrics.IdentifyCompleted(result);
        return result;
    }

    public bool Forget(string userKey)
    {
        WellFormedText.ThrowIfInvalidKey(userKey);
        var now = _timeProvider.GetUtcNow();
        bool found;
        lock (_identityGate)
        {
            // Dated as an undated event is: after an erasure of the person this server already applied
            // (another server's, dated ahead), so it passes over any event dated after that one.
            now = _erasures.After(now, userKey, _identity);
            found = Erase(userKey, now.UtcTicks, out var keys, own: true);

            // Journaled even when nothing was found here: another server may hold the person. Under
            // the gate, as a stitch is: in the journal in the order applied here.
            _journal.Forgotten(userKey, keys, now);
        }

        _metrics.UserForgotten();
        return found;
    }

    private bool Erase(string userKey, long erasedTicks, out IReadOnlyList<string> keys, bool own = false)
    {
        lock (_identityGate)
        {
            var canonical = _identity.Resolve(userKey);
            var linked = _identity.KeysOf(canonical);
            IReadOnlyList<string> chain = linked.Count > 0 ? linked : [canonical];

            // Published before anything is cleared, with the holdout units: a decision or event in
            // flight checks it after writing, so what it wrote about the person is undone or diverted.
            _erasureLog.Begin([userKey, .. chain, .. UnitKeysOf(chain)]);
            try
            {
                return Clear(userKey, canonical, erasedTicks, own, out keys);
            }
            finally
            {
                _erasureLog.End();
            }
        }
    }

    private bool Clear(string userKey, string canonical, long erasedTicks, bool own, out IReadOnlyList<string> keys)
    {
        var chain = _identity.Remove(canonical);
        var found = chain.Count > 1;
        var units = new HashSet<string>(chain, StringComparer.Ordinal) { userKey };
        foreach (var key in chain)
        {
            if (_profiles.Remove(key) is { } profile)
            {
                // The holdout unit may be a key of the chain that no longer resolves: the earliest one.
                if (profile.ReadUnitKey() is { } unitKey)
                {
                    _ledger.Forget(unitKey);
                    units.Add(unitKey);
                }

                profile.Erase();
                found = true;
            }

            found |= _ledger.Forget(key);
        }

        // One pass over the decisions waiting for rewards: a person who was only ranked is held there alone.
        found |= Learner.Forget(units);
        keys = chain.Contains(userKey) ? [.. chain] : [.. chain, userKey];
        // This server's own erasure is guarded from when the shared store has it: an outage holds back
        // other servers' events from before it as long as it holds back the erasure.
        _erasures.Erased(keys, erasedTicks, unstored: own && _journal.ConfirmsErasures);
        foreach (var key in keys)
        {
            // A recall in flight, even for a person with no profile here, must not bring them back.
            _recall.Released(key);
            found |= _consents.Forget(key);
        }

        return found;
    }

    /// <summary>
    /// After the person behind <paramref name="userKey"/> withdrew personalization consent (it is in
    /// their profile already): drops their decisions waiting for rewards under every key of theirs
    /// (their profile's, its aliases, their holdout unit), and publishes the withdrawal so that a
    /// decision in flight that read the consent before it changed drops what it logs for learning.
    /// </summary>
    /// <param name="userKey">The key the withdrawal was tracked under.</param>
    /// <param name="profileKey">The key of the profile that took it.</param>
    /// <param name="profile">The profile that took it.</param>
    internal void Withdrawn(string userKey, string profileKey, UserProfile profile)
    {
        HashSet<string> keys;
        lock (_identityGate)
        {
            var unitKey = profile.ReadUnitKey();
            var canonical = _identity.Resolve(profileKey);
            if (profile.IsRetired && !string.Equals(canonical, profileKey, StringComparison.Ordinal))
            {
                // A sign-in merged the profile into an account's after it took the withdrawal: the
                // account's consent won the merge. As had the withdrawal come first: only the guest's
                // own keys are dropped and sealed, and the person's unit settled again without a
                // sealed one, so the guest's withdrawal is never imposed on the account.
                keys = new HashSet<string>(StringComparer.Ordinal) { userKey, profileKey };
                if (unitKey is not null)
                {
                    keys.Add(unitKey);
                }

                // The guest's own keys include the devices stitched to it before: kept by the stitch
                // that retired its profile, as a withdrawal that came first would have reached them.
                if (_keysOfRetired.TryGetValue(profile, out var own))
                {
                    keys.UnionWith(own);
                }

                PublishWithdrawalOf(keys);
                SealOutcomes(keys);
                if (_profiles.Peek(canonical) is { } survivor)
                {
                    SettleUnit(survivor, canonical, [survivor.ReadUnitKey(), canonical, .. _identity.KeysOf(canonical)]);
                }
            }
            else
            {
                keys = PublishWithdrawal(userKey, unitKey);
            }
        }

        // Outside the identity gate: a scan of the waiting decisions must not hold up stitches and erasures.
        ForgetBehaviourUnder(keys);
    }

    /// <summary>
    /// What a withdrawal erases beyond the profile, under every key of the person: their decisions
    /// waiting for rewards, and their holdout outcomes (the unit keeps its arm and exposures).
    /// </summary>
    private void ForgetBehaviourUnder(HashSet<string> keys)
    {
        Learner.Forget(keys);
        SealOutcomes(keys);
    }

    private void SealOutcomes(HashSet<string> keys)
    {
        foreach (var key in keys)
        {
            _ledger.ForgetOutcomes(key);
        }
    }

    /// <summary>
    /// Publishes a withdrawal of the person behind <paramref name="userKey"/> in the withdrawal log
    /// and returns every key of theirs (their profile's, its aliases, their holdout units and
    /// <paramref name="unitKey"/>), for the caller to drop their waiting decisions under. The caller holds the identity gate.
    /// </summary>
    private HashSet<string> PublishWithdrawal(string userKey, string? unitKey)
    {
        var canonical = _identity.Resolve(userKey);
        var keys = new HashSet<string>(_identity.KeysOf(canonical), StringComparer.Ordinal) { userKey, canonical };
        if (unitKey is not null)
        {
            keys.Add(unitKey);
        }

        keys.UnionWith(UnitKeysOf([.. keys]));
        PublishWithdrawalOf(keys);
        return keys;
    }

    /// <summary>Publishes a withdrawal of <paramref name="keys"/> in the withdrawal log. The caller holds the identity gate.</summary>
    private void PublishWithdrawalOf(HashSet<string> keys)
    {
        // Published and closed at once: a decision that began before reads it after recording
        // and drops its own entry; one that begins after reads the withdrawn consent.
        _withdrawalLog.Begin(keys);
        _withdrawalLog.End();
    }

    private IEnumerable<string> UnitKeysOf(IReadOnlyList<string> chain)
    {
        foreach (var key in chain)
        {
            if (_profiles.Peek(key)?.ReadUnitKey() is { } unitKey)
            {
                yield return unitKey;
            }
        }
    }

    /// <param name="anonymousKey">The key stitched.</param>
    /// <param name="knownKey">The key it is stitched to.</param>
    /// <param name="restoring">
    /// Whether a snapshot's link is restored: a side this server holds no profile for is then not
    /// reported missing for its history to be recalled (the snapshot's profiles hold it), and the
    /// alias limit does not apply (the link is not a new stitch, and one dropped would leave what
    /// the snapshot holds under its key out of the person's erasure).
    /// </param>
    /// <param name="mirrored">
    /// Whether another server made this stitch (replayed from the shared journal): its alias limit
    /// let it through, and one refused here would leave the servers disagreeing on who the key is.
    /// </param>
    /// <param name="linked">
    /// Whether a recall links a key it brought back to its person: the recalls this stitch asks for
    /// are part of that one (bounded by the person's aliases), so a store queues them past its limit.
    /// </param>
    private IdentifyResult Stitch(string anonymousKey, string knownKey, bool restoring = false, bool mirrored = false, bool linked = false)
    {
        var recall = !restoring;

        // An idle side is evicted before anything is linked: evicted after, by the lookup that makes
        // the account's profile, it would take the new link with it, and the guest's unit with that.
        _profiles.PeekEvictingIdle(_identity.Resolve(anonymousKey));
        _profiles.PeekEvictingIdle(_identity.Resolve(knownKey));
        var source = _identity.Resolve(anonymousKey);
        var target = _identity.Resolve(knownKey);
        if (source == target)
        {
            _identity.MarkKnown(target);
            GetOrRecall(target, recall, linked);
            return IdentifyResult.AlreadyStitched;
        }

        // Whether the key was ever signed in is this server's memory alone (not journaled, lost when
        // the person is let go): an alias is refused as the known side whatever it was, so every
        // server, and a server that recalled the person, answers alike. Another server's stitch is
        // taken (mirrored): it did not hold the alias's link (it had let the person go), its stitch
        // stands in the shared store, and a chain resolves to its last key, here as there.
        if (!mirrored && _identity.IsAlias(knownKey))
        {
            return IdentifyResult.RefusedKnownKeyIsAlias;
        }

        if (_identity.IsAlias(anonymousKey))
        {
            // A device already stitched to one account, signing in to another: one account is never
            // merged into another through a device, nor is the device's past (its holdout unit, its
            // waiting decisions, its records in a shared store) split between them. That holds for a
            // key once signed in as itself, or an account merged into another, as for any guest.
            return IdentifyResult.RefusedAnonymousKeyIsLinked;
        }

        if (!restoring && !mirrored && _identity.AliasCount(target) + _identity.AliasCount(source) + 1 > _maxAliases)
        {
            return IdentifyResult.RefusedAliasLimit;
        }

        // The account's consent wins over the guest's; only a known key with no profile in this
        // server's memory (a new account: the guest's profile becomes it) takes the guest's stated
        // consent, their only one. An account evicted here counts as new (a known limit).
        var adoptConsent = _profiles.Peek(target) is null;

        // Only a guest whose consent let their decisions wait for rewards can have left any behind
        // (read before the merge, which takes the guest's remembered consent).
        var guestMayHaveWaiting = ProfileUpdate.MayStoreBehaviour(_profiles.Peek(source)?.ReadConsent() ?? _consents.For(source));

        // The source's own stitched keys, before the link makes them the target's: a withdrawal
        // racing this stitch (Withdrawn) reaches them as it would have before it.
        string[]? sourceKeys = null;
        if (_identity.AliasCount(source) > 0)
        {
            var keysOfSource = _identity.KeysOf(source);
            sourceKeys = [.. keysOfSource, .. UnitKeysOf(keysOfSource)];
        }

        // Link first, then merge: an event racing the stitch either lands on the target directly
        // or on the source before it retires, and is carried over by the merge. The target always
        // gets a profile, so its identity links live and are evicted with it.
        _identity.MarkKnown(target);
        _identity.Link(source, target);
        var survivor = GetOrRecall(target, recall, linked);
        var targetUnit = survivor.ReadUnitKey();
        string? sourceUnit = null;
        if (_profiles.Find(source) is { } anonymous)
        {
            sourceUnit = anonymous.ReadUnitKey();
            // A recall of the source in flight stays: what it brings belongs to the target now. A
            // target evicted since its lookup refuses the merge: the source goes into its successor.
            while (!anonymous.MergeInto(survivor, _affinityHalfLifeTicks, _services, adoptConsent, _consents.For(target)))
            {
                survivor = GetOrRecall(target, recall, linked);
            }

            _profiles.Remove(source);
            if (sourceKeys is not null)
            {
                _keysOfRetired.AddOrUpdate(anonymous, sourceKeys);
            }
        }
        else if (recall)
        {
            // Its history, if a shared store has any, now belongs to the target.
            _recall.Missing(source, linked);
        }

        // A guest evicted with a consent kept apart is merged as a guest in memory would be: the
        // consent goes into a new account's profile when it states none, and is dropped otherwise.
        if (_consents.Take(source) is { } remembered && adoptConsent)
        {
            survivor.Write(remembered, static (data, in kept) =>
            {
                if (data.Consent is null)
                {
                    data.TakeBack(kept);
                }
            });
        }

        SettleUnit(survivor, target, [targetUnit, sourceUnit, target, source]);

        // Merged into a person without personalization consent (the account withdrew, or states
        // nothing under a DefaultConsent without it), the guest's behaviour was dropped by the
        // merge; what waits for rewards under the guest's keys is behaviour too, and is dropped as
        // a withdrawal drops it, a decision of the guest's in flight included (the log is
        // published after the link, so it either reads the account's consent or sees the log).
        if (guestMayHaveWaiting && !ProfileUpdate.MayStoreBehaviour(survivor.ReadConsent() ?? _consents.For(target)))
        {
            // Under the identity gate, unlike a withdrawal: a stitch into a person without consent is rare.
            Learner.Forget(PublishWithdrawal(target, sourceUnit));

            // The guest's holdout outcomes are their behaviour too (under the guest's own key when
            // their profile was evicted or not yet recalled); the account's own unit is left
            // measurable, for when the account consents (it had none to record before).
            _ledger.ForgetOutcomes(source);
            if (sourceUnit is not null)
            {
                _ledger.ForgetOutcomes(sourceUnit);
            }
        }

        return IdentifyResult.Stitched;
    }

    /// <summary>The profile under <paramref name="key"/>, created if missing, after reporting it missing so its history can be recalled (as part of a recall under way when <paramref name="linked"/>).</summary>
    private UserProfile GetOrRecall(string key, bool recall, bool linked)
    {
        if (recall && _profiles.Peek(key) is null)
        {
            _recall.Missing(key, linked);
        }

        return _profiles.GetOrCreate(key);
    }

    /// <summary>
    /// Settles the stitched person's holdout unit. The merge kept the unit first used; a measured
    /// unit outranks it, the earliest exposed of <paramref name="candidates"/> (the two sides' units,
    /// and the keys themselves, since a side shown personalized content before it had any event has
    /// its unit only in the ledger), so nobody measured switches arms for a device that never was.
    /// A unit sealed by its person's withdrawal is measured no further, so for a person whose consent
    /// lets behaviour be stored it does not take over: a guest's withdrawal is never imposed on an account.
    /// </summary>
    private void SettleUnit(UserProfile survivor, string target, ReadOnlySpan<string?> candidates)
    {
        // Pairs with the fence of a decision that records a unit's first exposure (ExposedFirst):
        // either this reads its exposure, or it sees the merge or the link this stitch made.
        Interlocked.MemoryBarrier();
        var consenting = ProfileUpdate.MayStoreBehaviour(survivor.ReadConsent() ?? _consents.For(target));
        var current = survivor.ReadUnitKey();
        string? best = null;
        var bestTicks = long.MaxValue;
        var currentSealed = false;
        foreach (var candidate in candidates)
        {
            if (candidate is null || !_ledger.TryGetFirstExposure(candidate, out var ticks))
            {
                continue;
            }

            if (consenting && IsSealed(candidate))
            {
                currentSealed |= candidate == current;
                continue;
            }

            if (ticks < bestTicks)
            {
                (best, bestTicks) = (candidate, ticks);
            }
        }

        if (best is not null && best != current)
        {
            survivor.Write(new UnitClaim(best, bestTicks), static (data, in claim) => data.AssignUnit(claim.Key, claim.Ticks));
        }
        else if (best is null && currentSealed)
        {
            // Only the withdrawn side was ever measured: the account's own unit, measured from its next decision.
            var own = candidates[0] is { } targetUnit && !IsSealed(targetUnit) ? targetUnit : target;
            survivor.Write(new UnitClaim(own, _timeProvider.GetUtcNow().UtcTicks), static (data, in claim) => data.AssignUnit(claim.Key, claim.Ticks));
        }
    }

    /// <summary>
    /// After a decision recorded the first exposure of <paramref name="unitKey"/> in a holdout (here,
    /// or on another server): a sign-in that merged the decision's profile <paramref name="live"/>
    /// into an account's, or linked the key to one, or merged a guest into it, while it ran settled
    /// the person's unit without that exposure, so it is settled again now, as it would have been
    /// had the decision come first: the unit exposed first stays the person's, and their exposures
    /// never split across arms. Off the common path: two volatile reads of a live profile (one
    /// lookup without one), once a unit and holdout.
    /// </summary>
    private void ExposedFirst(UserProfile? live, string unitKey)
    {
        // Pairs with the stitch's (SettleUnit): either it read this exposure, or this sees what it did.
        Interlocked.MemoryBarrier();
        // A decision without a profile here (none yet, or a recall in flight) used its own key: only
        // a link made since moves it, as another server's decision would not see this one's profile.
        if (live is null ? !_identity.IsAlias(unitKey) : !live.IsRetired && StillUnitOf(live, unitKey))
        {
            return;
        }

        lock (_identityGate)
        {
            // The decision's profile merged away or its key linked (a guest's decision), or the
            // person's unit settled to another since the decision read it (an account's decision,
            // the guest exposed later signing in while it ran): settled again with this exposure.
            var canonical = _identity.Resolve(unitKey);
            if (_profiles.Peek(canonical) is { } survivor && !string.Equals(survivor.ReadUnitKey(), unitKey, StringComparison.Ordinal))
            {
                SettleUnit(survivor, canonical, [survivor.ReadUnitKey(), unitKey, canonical]);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="profile"/> still has the decision's <paramref name="unitKey"/>: also
    /// none, or one with no unit (no sign-in settled one), whose decisions use their own key.
    /// </summary>
    private static bool StillUnitOf(UserProfile? profile, string unitKey) =>
        profile?.ReadUnitKey() is not { } current || string.Equals(current, unitKey, StringComparison.Ordinal);

    // Sealed in any holdout: the person withdrew, and a later exposure elsewhere (a withdrawn person
    // is still ranked, and measured, on other placements) does not make the unit theirs to hand on.
    private bool IsSealed(string unitKey)
    {
        foreach (var (_, unit) in _ledger.Find(unitKey))
        {
            if (unit.Sealed)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For tests: runs once on the thread handling an eviction, after it unlinked the person's keys
    /// and before it keeps their consent under them, as another thread's call could run there.
    /// </summary>
    internal Action? RaceBeforeAliasesRemembered;

    /// <summary>
    /// Counts an eviction and drops the evicted profile's identity links, so the identity map is
    /// bounded by the profiles in memory. What the ledger and the learner hold under the other keys
    /// of the person (their aliases, a holdout unit stitched from another key) goes with the links:
    /// an erasure by the person's key could no longer reach it. The arm totals stay, as anonymous counts.
    /// </summary>
    private void OnProfileEvicted(string key, string? unitKey, KeptConsent? consent, ProfileEviction reason)
    {
        _metrics.ProfileEvicted(reason.ToString());
        _recall.Released(key);
        lock (_identityGate)
        {
            if (_profiles.Find(key) is null && string.Equals(_identity.Resolve(key), key, StringComparison.Ordinal))
            {
                var aliases = _identity.Remove(key).ToList();
                foreach (var alias in aliases)
                {
                    // A recall of another key of theirs still in flight would stand in for the fresh
                    // one the key needs when the person comes back, and fetched while this server
                    // held the key's records, it would not bring them into the new profile.
                    _recall.Released(alias);
                }

                if (RaceBeforeAliasesRemembered is not null)
                {
                    Interlocked.Exchange(ref RaceBeforeAliasesRemembered, null)?.Invoke();
                }

                // A narrower consent the evicted profile held holds for the keys unlinked here too: the one
                // it held, not the one kept under its key, which a profile made for the key since has taken.
                _consents.RememberAliases(key, consent, [.. aliases.Where(alias => !string.Equals(alias, key, StringComparison.Ordinal))]);

                // A consent event for the returning person takes no identity lock: one that made their
                // new profile and restated before the copies were kept is restated over them now.
                if (_profiles.Peek(key)?.ReadDatedConsent() is { } restated)
                {
                    _consents.Restate(key, restated);
                }
                foreach (var other in UnlinkedWith(key, aliases, unitKey))
                {
                    _ledger.Forget(other);
                    Learner.Forget(other);
                }
            }
        }
    }

    /// <summary>
    /// The keys whose ledger and learner entries go with an evicted profile's links (an erasure by
    /// <paramref name="key"/> could no longer reach them): its other keys, and its holdout unit
    /// when that is another key. A state snapshot leaves them out of a person it leaves out, the same way.
    /// </summary>
    private static IEnumerable<string> UnlinkedWith(string key, IEnumerable<string> keys, string? unitKey)
    {
        foreach (var other in keys.Append(unitKey))
        {
            if (other is not null && !string.Equals(other, key, StringComparison.Ordinal))
            {
                yield return other;
            }
        }
    }

    private readonly record struct UnitClaim(string Key, long Ticks);
}
