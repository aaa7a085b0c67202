using System.Collections.Concurrent;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The stated consent of people whose profile was evicted, where it grants less than the default:
/// without it, a person who withdrew would be back at <see cref="PersonalizationOptions.DefaultConsent"/>
/// once idle or trimmed, and their behaviour stored again. A profile created for the key takes the
/// consent back; <c>Forget</c> drops it. One dictionary entry a person (it keeps the key alive),
/// for as long as the process runs: withdrawals are few next to profiles, and none may be dropped
/// to save memory.
/// </summary>
internal sealed class RememberedConsents(ConsentFlags defaultConsent)
{
    private readonly ConcurrentDictionary<string, ConsentFlags> _byKey = new(StringComparer.Ordinal);

    // Read on the decision path for people without a stated consent: a plain field, so the usual
    // case (nobody remembered) costs one read and no lookup.
    private int _count;

    /// <summary>The consent in force for <paramref name="key"/> when their profile states none: remembered, else the default.</summary>
    public ConsentFlags For(string key) => Stated(key) ?? defaultConsent;

    /// <summary>The consent remembered for <paramref name="key"/>, or null.</summary>
    public ConsentFlags? Stated(string key) =>
        Volatile.Read(ref _count) != 0 && _byKey.TryGetValue(key, out var consent) ? consent : null;

    /// <summary>Keeps <paramref name="stated"/> for an evicted profile's key when it grants less than the default; otherwise forgets any kept before.</summary>
    public void Remember(string key, ConsentFlags? stated)
    {
        if (stated is { } consent && (defaultConsent & ~consent) != 0)
        {
            if (_byKey.TryAdd(key, consent))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _byKey[key] = consent;
            }
        }
        else
        {
            Forget(key);
        }
    }

    /// <summary>Takes the consent remembered for <paramref name="key"/> out (its new profile holds it now, or the person is erased).</summary>
    public ConsentFlags? Take(string key)
    {
        if (Volatile.Read(ref _count) == 0 || !_byKey.TryRemove(key, out var consent))
        {
            return null;
        }

        Interlocked.Decrement(ref _count);
        return consent;
    }

    /// <summary>Drops what is remembered for <paramref name="key"/>; true when there was something.</summary>
    public bool Forget(string key) => Take(key) is not null;
}
