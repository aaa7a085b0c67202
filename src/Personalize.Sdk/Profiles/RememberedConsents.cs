using System.Collections.Concurrent;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The stated consent of people whose profile was evicted, where it grants less than the default:
/// without it, a person who withdrew would be back at <see cref="PersonalizationOptions.DefaultConsent"/>
/// once idle or trimmed, and their behaviour stored again. Each is kept with when it was stated, so
/// a recall fetched before it cannot overrule it with an older one. A profile created for the key
/// takes the consent back; <c>Forget</c> drops it. One dictionary entry a person (it keeps the key alive),
/// for as long as the process runs (and, with a shared store, in its state snapshots): withdrawals are few next to profiles, and none may be dropped
/// to save memory.
/// </summary>
internal sealed class RememberedConsents(ConsentFlags defaultConsent)
{
    private readonly ConcurrentDictionary<string, KeptConsent> _byKey = new(StringComparer.Ordinal);

    // Whose consent each other key holds, for the keys an eviction unlinked from a person (a
    // signed-in device, a guest key): an erasure by the person's key reaches them, and only while
    // they still hold that person's (a device shared later by someone else holds theirs).
    private readonly ConcurrentDictionary<string, string> _ownerOf = new(StringComparer.Ordinal);

    // Read on the decision path for people without a stated consent: a plain field, so the usual
    // case (nobody remembered) costs one read and no lookup.
    private int _count;

    /// <summary>The consent in force for <paramref name="key"/> when their profile states none: remembered, else the default.</summary>
    public ConsentFlags For(string key) => Stated(key) ?? defaultConsent;

    /// <summary>The consent remembered for <paramref name="key"/>, or null.</summary>
    public ConsentFlags? Stated(string key) => Kept(key)?.Consent;

    /// <summary>The consent remembered for <paramref name="key"/>, with when it was stated, or null.</summary>
    public KeptConsent? Kept(string key) =>
        Volatile.Read(ref _count) != 0 && _byKey.TryGetValue(key, out var kept) ? kept : null;

    /// <summary>Whether an evicted profile's <paramref name="stated"/> consent is kept apart: it grants less than the default.</summary>
    public bool Keeps(ConsentFlags? stated) => stated is { } consent && GrantsLess(consent, defaultConsent);

    /// <summary>Whether <paramref name="consent"/> grants less than <paramref name="defaultConsent"/>: what an eviction keeps apart, with when it was stated.</summary>
    public static bool GrantsLess(ConsentFlags consent, ConsentFlags defaultConsent) => (defaultConsent & ~consent) != 0;

    /// <summary>
    /// Every consent kept, with the key whose eviction it was kept for when that is another key
    /// (<see cref="RememberAliases"/>): for a state snapshot, as the dictionaries hold them while enumerating.
    /// </summary>
    public IEnumerable<(string Key, KeptConsent Consent, string? Owner)> Entries()
    {
        foreach (var (key, consent) in _byKey)
        {
            yield return (key, consent, _ownerOf.TryGetValue(key, out var owner) ? owner : null);
        }
    }

    /// <summary>Keeps <paramref name="stated"/> for an evicted profile's key when it grants less than the default; otherwise forgets any kept before.</summary>
    public void Remember(string key, KeptConsent? stated)
    {
        if (Keeps(stated?.Consent))
        {
            var consent = stated.GetValueOrDefault();
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
            Take(key);
        }
    }

    /// <summary>
    /// Keeps <paramref name="stated"/>, the consent of <paramref name="owner"/>'s evicted profile, under
    /// <paramref name="aliases"/> too when it grants less than the default: the keys whose links to it
    /// the eviction dropped fall back to their own consent, and a withdrawal the person made with one
    /// of them (or with any of their keys) must still hold there. A new statement of the owner's
    /// (<see cref="Restate"/>) or <see cref="Forget"/> of the owner ends them.
    /// </summary>
    public void RememberAliases(string owner, KeptConsent? stated, IReadOnlyCollection<string> aliases)
    {
        if (aliases.Count == 0 || !Keeps(stated?.Consent))
        {
            return;
        }

        var consent = stated.GetValueOrDefault();

        foreach (var alias in aliases)
        {
            Remember(alias, consent);
            _ownerOf[alias] = owner;
        }
    }

    /// <summary>
    /// After <paramref name="owner"/>'s profile took a new consent: the copies kept under the keys an
    /// eviction unlinked from them (<see cref="RememberAliases"/>) follow it, kept where it still
    /// grants less than the default and dropped where it does not.
    /// </summary>
    public void Restate(string owner, KeptConsent? consent)
    {
        if (_ownerOf.IsEmpty)
        {
            return;
        }

        var narrower = Keeps(consent?.Consent);
        foreach (var (alias, heldFor) in _ownerOf)
        {
            if (!string.Equals(heldFor, owner, StringComparison.Ordinal))
            {
                continue;
            }

            if (narrower)
            {
                // An update only: a copy its key's new profile took meanwhile is not put back.
                while (_byKey.TryGetValue(alias, out var kept) && kept != consent!.Value && !_byKey.TryUpdate(alias, consent.Value, kept))
                {
                }
            }
            else if (_ownerOf.TryRemove(new KeyValuePair<string, string>(alias, owner)))
            {
                Take(alias);
            }
        }
    }

    /// <summary>Takes the consent remembered for <paramref name="key"/> out (its new profile holds it now, or the person is erased).</summary>
    public KeptConsent? Take(string key)
    {
        if (Volatile.Read(ref _count) == 0 || !_byKey.TryRemove(key, out var consent))
        {
            return null;
        }

        if (!_ownerOf.IsEmpty)
        {
            _ownerOf.TryRemove(key, out _);
        }

        Interlocked.Decrement(ref _count);
        return consent;
    }

    /// <summary>
    /// Drops what is remembered for <paramref name="key"/>, and for the keys an eviction unlinked
    /// from it (<see cref="RememberAliases"/>); true when there was something. An unlinked key's own
    /// <c>Forget</c> drops its copy alone: the device may be someone else's now, whose erasure must
    /// not end the account's withdrawal (and so store its behaviour again).
    /// </summary>
    public bool Forget(string key)
    {
        var found = Take(key) is not null;
        if (!_ownerOf.IsEmpty)
        {
            // Few entries (people who withdrew and were evicted while linked to other keys): a scan.
            foreach (var (alias, heldFor) in _ownerOf)
            {
                if (string.Equals(heldFor, key, StringComparison.Ordinal) && _ownerOf.TryRemove(new KeyValuePair<string, string>(alias, heldFor)))
                {
                    found |= Take(alias) is not null;
                }
            }
        }

        return found;
    }
}
