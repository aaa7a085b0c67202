namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    // Stitching and erasure are rare; one lock keeps the identity map and profile merges consistent.
    private readonly Lock _identityGate = new();

    public IdentifyResult Identify(string anonymousKey, string knownKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(anonymousKey);
        ArgumentException.ThrowIfNullOrEmpty(knownKey);
        lock (_identityGate)
        {
            var result = Stitch(anonymousKey, knownKey);
            _metrics.IdentifyCompleted(result);
            return result;
        }
    }

    public bool Forget(string userKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(userKey);
        lock (_identityGate)
        {
            var keys = _identity.Remove(_identity.Resolve(userKey));
            var found = keys.Count > 1;
            foreach (var key in keys)
            {
                if (_profiles.Remove(key) is { } profile)
                {
                    profile.Erase();
                    found = true;
                }
            }

            _metrics.UserForgotten();
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
        // or on the source before it retires, and is carried over by the merge.
        _identity.MarkKnown(target);
        _identity.Link(source, target);
        if (_profiles.Find(source) is { } anonymous)
        {
            anonymous.MergeInto(_profiles.GetOrCreate(target), _affinityHalfLifeTicks);
            _profiles.Remove(source);
        }

        return IdentifyResult.Stitched;
    }
}
