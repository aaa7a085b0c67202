using Personalize.Sdk.Profiles;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    // Stitching and erasure are rare; one lock keeps the identity map and profile merges consistent.
    private readonly Lock _identityGate = new();

    public IdentifyResult Identify(string anonymousKey, string knownKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(anonymousKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(knownKey);
        IdentifyResult result;
        lock (_identityGate)
        {
            result = Stitch(anonymousKey, knownKey);
        }

        _metrics.IdentifyCompleted(result);
        if (result == IdentifyResult.Stitched)
        {
            _journal.Stitched(anonymousKey, knownKey);
        }

        return result;
    }

    public bool Forget(string userKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userKey);
        var now = _timeProvider.GetUtcNow();
        var found = Erase(userKey, now.UtcTicks);
        _metrics.UserForgotten();

        // Journaled even when nothing was found here: another server may hold the person.
        _journal.Forgotten(userKey, now);
        return found;
    }

    private bool Erase(string userKey, long erasedTicks)
    {
        lock (_identityGate)
        {
            var keys = _identity.Remove(_identity.Resolve(userKey));
            var found = keys.Count > 1;
            foreach (var key in keys)
            {
                if (_profiles.Remove(key) is { } profile)
                {
                    // The holdout unit may be a key of the chain that no longer resolves: the earliest one.
                    if (profile.UnitKey is { } unitKey)
                    {
                        _ledger.Forget(unitKey);
                        Learner.Forget(unitKey);
                    }

                    profile.Erase();
                    found = true;
                }

                found |= _ledger.Forget(key);
                Learner.Forget(key);
            }

            _erasures?.Erased(keys.Append(userKey), erasedTicks);
            return found;
        }
    }

    private IdentifyResult Stitch(string anonymousKey, string knownKey)
    {
        var source = _identity.Resolve(anonymousKey);
        var target = _identity.Resolve(knownKey);
        if (source == target)
        {
            _identity.MarkKnown(target);
            _profiles.GetOrCreate(target);
            return IdentifyResult.AlreadyStitched;
        }

        if (_identity.IsAlias(knownKey) && !_identity.IsKnown(knownKey))
        {
            return IdentifyResult.RefusedKnownKeyIsAlias;
        }

        if (_identity.AliasCount(target) + _identity.AliasCount(source) + 1 > _maxAliases)
        {
            return IdentifyResult.RefusedAliasLimit;
        }

        // Link first, then merge: an event racing the stitch either lands on the target directly
        // or on the source before it retires, and is carried over by the merge. The target always
        // gets a profile, so its identity links live and are evicted with it.
        _identity.MarkKnown(target);
        _identity.Link(source, target);
        var survivor = _profiles.GetOrCreate(target);
        if (_profiles.Find(source) is { } anonymous)
        {
            anonymous.MergeInto(survivor, _affinityHalfLifeTicks);
            _profiles.Remove(source);
        }

        // A side that was shown personalized content before it had any event has its unit only in
        // the ledger: the earliest exposed unit of the two wins, so nobody switches arms.
        ClaimExposedUnit(survivor, target);
        ClaimExposedUnit(survivor, source);
        return IdentifyResult.Stitched;
    }

    private void ClaimExposedUnit(UserProfile profile, string key)
    {
        if (_ledger.TryGetFirstExposure(key, out var ticks))
        {
            profile.Write(new UnitClaim(key, ticks), static (data, in claim) => data.ClaimUnit(claim.Key, claim.Ticks));
        }
    }

    /// <summary>
    /// Counts an eviction and drops the evicted profile's identity links, so the identity map is
    /// bounded by the profiles in memory.
    /// </summary>
    private void OnProfileEvicted(string key, ProfileEviction reason)
    {
        _metrics.ProfileEvicted(reason.ToString());
        lock (_identityGate)
        {
            if (_profiles.Find(key) is null && string.Equals(_identity.Resolve(key), key, StringComparison.Ordinal))
            {
                _identity.Remove(key);
            }
        }
    }

    private readonly record struct UnitClaim(string Key, long Ticks);
}
