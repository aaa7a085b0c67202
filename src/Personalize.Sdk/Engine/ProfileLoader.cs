using System.Runtime.CompilerServices;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Guardrails;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Engine;

/// <summary>
/// The identity and profile stages: resolves the user to their profile's key, copies the profile
/// into the decision's scratch lock-free, and applies the profile policies (what could rank a
/// sensitive category's items up, their attributes' affinities included, is dropped from the copy
/// unless the user consented to them; their
/// stated dislikes stay, since a guardrail protects the user with them).
/// </summary>
internal sealed class ProfileLoader(IIdentityMap identity, IProfileStore profiles, IProfileRecall recall, RememberedConsents consents, IReadOnlyCollection<string> sensitiveCategories)
    : ICatalogObserver
{
    private SensitiveCategoryFlags _sensitiveFlags = SensitiveCategoryFlags.None;

    // The flags made for each snapshot: a decision reads those of its own snapshot, never a newer
    // one's, which may have cleared the flag of an id given to a new category since.
    private readonly ConditionalWeakTable<CatalogSnapshot, SensitiveCategoryFlags> _flagsOf = [];

    // The newest snapshot the catalog has published or is publishing: a profile copy written under a
    // snapshot newer than the decision's is checked against it.
    private CatalogSnapshot? _newest;

    /// <summary>
    /// Loads <paramref name="userKey"/>'s profile into <paramref name="copy"/>. Returns the live
    /// profile, if any, for the record stage; the key it was found under (the resolved key), the
    /// holdout unit (the profile's, sticky across stitching, else the resolved key), the consent in
    /// force and whether the user is a known or stitched identity. A user with no profile here is
    /// reported missing (<see cref="IProfileRecall"/>), without waiting for it. A
    /// <paramref name="preview"/> reads the profile without counting as access: it records nothing,
    /// so it neither keeps an idle profile alive nor moves it up the eviction order, nor reports a
    /// person it does not find missing (a recall would bring them into memory).
    /// </summary>
    public UserProfile? Load(string userKey, ProfileData copy, CatalogSnapshot snapshot, out string key, out string unitKey, out ConsentFlags consent, out bool known, bool preview = false)
    {
        key = identity.Resolve(userKey, out known);
        var live = preview ? profiles.PeekEvictingIdle(key) : profiles.Find(key);
        if (live is not null)
        {
            live.ReadInto(copy, snapshot);
            if (copy.IdsCheckedAt > snapshot.Version && Volatile.Read(ref _newest) is { } newest)
            {
                // Written after the decision read its snapshot: an index given to a new item since
                // names the item that left it here.
                copy.DropIdsReassignedAfter(newest, snapshot.Version);
            }
        }
        else
        {
            copy.Clear();

            // This decision goes without; a shared store may have the person for the next one. Not
            // for a preview: fetching them would bring them into memory as if they had come back.
            if (!preview)
            {
                recall.Missing(key);
            }
        }

        unitKey = copy.UnitKey ?? key;
        consent = copy.Consent ?? consents.For(key);
        var hidden = ReadOnlyMemory<bool>.Empty;
        if (sensitiveCategories.Count > 0 && (consent & ConsentFlags.SensitiveCategories) == 0)
        {
            var flags = _flagsOf.TryGetValue(snapshot, out var own) ? own : Volatile.Read(ref _sensitiveFlags);
            hidden = flags.Memory;
            copy.ForgetCategories(flags.Flags, flags.AttributeFlags, snapshot);
        }

        if (copy is DecisionProfile decision)
        {
            decision.HiddenCategories = hidden;
        }

        return live;
    }

    /// <summary>
    /// Whether <paramref name="live"/>, the profile <see cref="Load"/> returned for
    /// <paramref name="userKey"/>, is still the person's: not retired (stitched, evicted or erased)
    /// and still the one their key resolves to. An erasure of the person drops their links and their
    /// profile from the store, then retires it, so a profile that still holds on both counts, read
    /// after a fence, shows they were not erased.
    /// Without a profile (none was loaded) there is nothing to show it: false.
    /// </summary>
    public bool StillHolds(string userKey, UserProfile? live) =>
        live is { IsRetired: false } && ReferenceEquals(profiles.Peek(identity.Resolve(userKey)), live);

    /// <summary>
    /// Whether <paramref name="live"/>, the profile <see cref="Load"/> found under
    /// <paramref name="key"/>, was evicted (or erased) since, and the decision's holdout unit
    /// <paramref name="unitKey"/> is another key of the person that nobody links any more. The
    /// eviction dropped what the ledger and the learner held under it with the links (it keeps only
    /// the profile's own key), so what the decision recorded there since could not be reached by
    /// <c>Forget</c> with the person's key. Read after a fence that follows the record: the eviction
    /// retires and clears the profile, then drops the links and the records, so either it saw what
    /// the decision recorded or this sees the profile gone. One volatile read while the profile lives.
    /// </summary>
    public bool EvictedAway(UserProfile? live, string key, string unitKey) =>
        live is { IsRetired: true }
        && live.ReadUnitKey() is null // cleared: evicted or erased, not merged into a survivor
        && !string.Equals(unitKey, key, StringComparison.Ordinal)
        && !identity.IsAlias(unitKey);

    /// <summary>
    /// Flags the sensitive categories and their items' attributes of every snapshot before it is
    /// published, adding to what earlier snapshots flagged (ids outlive snapshots), so a decision on
    /// any snapshot reads flags that cover it: interest learned from a sensitive item stays sensitive
    /// after the item leaves the catalog, whether or not a decision ran while it was there.
    /// </summary>
    public void Publishing(CatalogSnapshot snapshot)
    {
        Volatile.Write(ref _newest, snapshot);
        if (sensitiveCategories.Count > 0)
        {
            var flags = SensitiveCategoryFlags.For(snapshot, sensitiveCategories, _sensitiveFlags);
            _flagsOf.AddOrUpdate(snapshot, flags);
            Volatile.Write(ref _sensitiveFlags, flags);
        }
    }
}
