using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// The state of one profile, in bounded tables that grow on demand up to their capacities, so a
/// new profile is small and a full one has a bounded size (see <see cref="ProfileSize"/> and
/// <c>ProfileBenchmarks</c>). Used both as the live state and as a decision's copy, which reserves
/// every slot up front so that copying into it never allocates.
/// </summary>
internal class ProfileData
{
    public const int CategorySlots = 16;
    public const int AttributeSlots = 32;
    public const int RecentSlots = 16;
    public const int PurchaseSlots = 256;
    public const int LikeSlots = 16;
    public const int DislikeSlots = 256;
    public const int ShowSlots = 32;

    public int EventCount;
    public long FirstSeenTicks;
    public long LastSeenTicks;

    /// <summary>When the user last complained; 0 when never.</summary>
    public long LastComplaintTicks
    {
        get => _extras?.LastComplaintTicks ?? 0;
        set
        {
            if (value != 0 || _extras is not null)
            {
                Extras.LastComplaintTicks = value;
            }
        }
    }

    /// <summary>
    /// The key holdouts assign this profile by: the key its first event came with. It survives
    /// stitching (the earlier profile's wins), so a user keeps their arm when they sign in.
    /// </summary>
    public string? UnitKey;

    /// <summary>When <see cref="UnitKey"/> was first used.</summary>
    public long UnitSinceTicks;

    /// <summary>
    /// The catalog version as of which every item index this profile holds (recent items,
    /// purchases, dismissals, shows) still means the item it was recorded for. Indices the catalog
    /// gave to new keys since are dropped before the profile is read or written again.
    /// </summary>
    public long IdsCheckedAt;

    // Consent plus one, 0 when never stated: 4 bytes where a nullable field takes 8.
    private int _statedConsent;

    private ProfileExtras? _extras;

    // Fields, not properties: the tables are structs changed in place (see DecayedTable).

    /// <summary>Affinities by category id.</summary>
    public DecayedTable Categories;

    /// <summary>Affinities by attribute id.</summary>
    public DecayedTable Attributes;

    /// <summary>What the user viewed or engaged with, newest last.</summary>
    public TimedRing RecentItems;

    // Most people never buy, dismiss, state a preference, complain or get a decision recorded against
    // them, so these four tables (and the complaint) live in one ProfileExtras created at the first
    // of them, each table at its own first entry. Reads of one not yet created see a shared empty
    // table; every write goes through its Writable* twin.

    /// <summary>What the user bought, newest last; read-only (writes go through <see cref="WritablePurchases"/>).</summary>
    public TimedRing Purchases => _extras is { } extras ? extras.Purchases : TimedRing.None;

    /// <summary>What the user dismissed: grows on demand up to <see cref="DismissedItems.Capacity"/>; read-only (writes go through <see cref="WritableDismissed"/>).</summary>
    public DismissedItems Dismissed => _extras?.Dismissed ?? DismissedItems.None;

    /// <summary>What the user said they like or dislike; read-only (writes go through <see cref="WritablePreferences"/>).</summary>
    public StatedPreferences Preferences => _extras?.Preferences ?? StatedPreferences.None;

    /// <summary>How often recent items were shown; read-only (writes go through <see cref="WritableShows"/>).</summary>
    public ShowCounter Shows => _extras?.Shows ?? ShowCounter.None;

    /// <summary>The purchases, created now if this is the first.</summary>
    public ref TimedRing WritablePurchases => ref Extras.Purchases;

    /// <summary>The dismissals, created now if this is the first.</summary>
    public DismissedItems WritableDismissed => Extras.Dismissed ??= NewDismissed();

    /// <summary>The stated preferences, created now if this is the first.</summary>
    public StatedPreferences WritablePreferences => Extras.Preferences ??= NewPreferences();

    /// <summary>The showings, created now if this is the first.</summary>
    public ShowCounter WritableShows => Extras.Shows ??= NewShows();

    private ProfileExtras Extras => _extras ??= new();

    /// <summary>
    /// When the consent in force was stated (UTC ticks), where that is kept (<see cref="ProfileExtras.ConsentTicks"/>);
    /// 0 otherwise. Kept with the profile (in a state snapshot too), and with the consent an eviction keeps apart.
    /// </summary>
    public long ConsentTicks
    {
        get => _extras?.ConsentTicks ?? 0;
        set
        {
            if (value != 0 || _extras is not null)
            {
                Extras.ConsentTicks = value;
            }
        }
    }

    /// <summary>Whether a recalled consent stated after <see cref="ConsentTicks"/> overrules the one in force (<see cref="ProfileExtras.ConsentRecalled"/>).</summary>
    public bool ConsentRecalled
    {
        get => _extras?.ConsentRecalled ?? false;
        set
        {
            if (value || _extras is not null)
            {
                Extras.ConsentRecalled = value;
            }
        }
    }

    /// <summary>The consent in force with when it was stated, as an eviction keeps it apart; null when none was stated.</summary>
    public KeptConsent? DatedConsent => Consent is { } consent ? new(consent, ConsentTicks) : null;

    /// <summary>
    /// Takes <paramref name="kept"/>, a consent kept apart at an eviction, as the one in force: it
    /// was stated before any recall now fetched, so a recalled consent stated later overrules it.
    /// </summary>
    public void TakeBack(KeptConsent kept) => (Consent, ConsentTicks, ConsentRecalled) = (kept.Consent, kept.StatedTicks, true);

    /// <summary>A live profile: its tables take memory as entries arrive.</summary>
    public ProfileData()
        : this(reserve: false)
    {
    }

    /// <summary>A profile whose tables hold every slot now when <paramref name="reserve"/> is true: a reused copy that never allocates.</summary>
    /// <param name="reserve">Whether to allocate every table's full capacity now.</param>
    public ProfileData(bool reserve)
    {
        Categories = new(CategorySlots, reserve);
        Attributes = new(AttributeSlots, reserve);
        RecentItems = new(RecentSlots, reserve);
        if (reserve)
        {
            _extras = new() { Purchases = new(PurchaseSlots, reserve: true), Dismissed = new(), Preferences = new(LikeSlots, DislikeSlots, reserve), Shows = new(ShowSlots, reserve) };
        }
    }

    /// <summary>Consent as the user last gave it; null until they said anything.</summary>
    public ConsentFlags? Consent
    {
        get => _statedConsent == 0 ? null : (ConsentFlags)(_statedConsent - 1);
        set => _statedConsent = value is { } consent ? (int)consent + 1 : 0;
    }

    public bool IsEmpty => EventCount == 0;

    public void CopyTo(ProfileData target)
    {
        target.EventCount = EventCount;
        target.FirstSeenTicks = FirstSeenTicks;
        target.LastSeenTicks = LastSeenTicks;
        target.Consent = Consent;
        target.UnitKey = UnitKey;
        target.UnitSinceTicks = UnitSinceTicks;
        target.IdsCheckedAt = IdsCheckedAt;
        Categories.CopyTo(ref target.Categories);
        Attributes.CopyTo(ref target.Attributes);
        RecentItems.CopyTo(ref target.RecentItems);
        CopyExtras(Volatile.Read(ref _extras), target);
    }

    /// <summary>
    /// Forgets everything, zeroing what each table held but keeping its arrays: a decision's reused
    /// copy is cleared this way after every decision, so it keeps no one's items, times or affinities.
    /// </summary>
    public void Clear()
    {
        EventCount = 0;
        FirstSeenTicks = 0;
        LastSeenTicks = 0;
        Consent = null;
        UnitKey = null;
        UnitSinceTicks = 0;
        IdsCheckedAt = 0;
        Categories.Clear();
        Attributes.Clear();
        RecentItems.Clear();
        _extras?.Clear();
    }

    /// <summary>
    /// Erases everything the user did, keeping only what is not behaviour: their consent and the
    /// holdout unit (so withdrawing consent does not move them to another arm). A live profile's
    /// method: its tables are replaced by new empty ones, so a person who withdrew holds no more memory
    /// than a new one (<see cref="Clear"/> zeroes the tables but keeps their grown arrays).
    /// </summary>
    public void ForgetBehaviour()
    {
        var (consent, unitKey, unitSince, statedAt, recalled) = (Consent, UnitKey, UnitSinceTicks, ConsentTicks, ConsentRecalled);
        Clear();
        Categories = new(CategorySlots, reserve: false);
        Attributes = new(AttributeSlots, reserve: false);
        RecentItems = new(RecentSlots, reserve: false);
        Volatile.Write(ref _extras, null);
        (Consent, UnitKey, UnitSinceTicks, ConsentTicks, ConsentRecalled) = (consent, unitKey, unitSince, statedAt, recalled);
    }

    /// <summary>
    /// How far the profile can be trusted, in [0, 1]: volume (1 - e^(-events/5): 0.18 after one
    /// event, 0.63 after five, 0.86 after ten) times recency (halving every half-life since the
    /// last event).
    /// </summary>
    public double Confidence(long nowTicks, double halfLifeTicks) =>
        IsEmpty ? 0 : (1 - Math.Exp(-EventCount / 5.0)) * Math.Min(1, Decay.Factor(LastSeenTicks, nowTicks, halfLifeTicks));

    /// <summary>
    /// Drops what the copy knows about the flagged categories (by id) that could rank their items
    /// up: their affinities, stated likes and recent items (with every recent item
    /// <paramref name="catalog"/> does not hold, whose category it cannot tell), and the affinities
    /// and stated likes of the flagged attributes (their items' attributes), so no signal or reason
    /// can use them.
    /// Purchases, dismissals and stated dislikes stay, because guardrails protect the user with them.
    /// </summary>
    public void ForgetCategories(ReadOnlySpan<bool> flagged, ReadOnlySpan<bool> flaggedAttributes, Catalog.CatalogSnapshot catalog)
    {
        Categories.RemoveIds(flagged);
        Attributes.RemoveIds(flaggedAttributes);
        _extras?.Preferences?.RemoveLiked(flagged, flaggedAttributes);
        RecentItems.RemoveCategories(flagged, catalog);
    }

    /// <summary>Drops what the profile holds under item indices, category ids and attribute ids that went to new keys since it was last checked, as of <paramref name="catalog"/>.</summary>
    public void DropReassignedIds(Catalog.CatalogSnapshot? catalog)
    {
        if (catalog is null)
        {
            return;
        }

        RemoveReassigned(new ReassignedIds(catalog, IdsCheckedAt));
        IdsCheckedAt = Math.Max(IdsCheckedAt, catalog.Version);
    }

    /// <summary>
    /// For a reader on a snapshot older than what this profile was last written under: drops what it
    /// holds under item indices, category ids and attribute ids <paramref name="newer"/> gave to new keys after <paramref name="version"/>,
    /// the reader's snapshot, which would name them by the items that left.
    /// </summary>
    public void DropIdsReassignedAfter(Catalog.CatalogSnapshot newer, long version) => RemoveReassigned(new ReassignedIds(newer, version));

    private void RemoveReassigned(in ReassignedIds reassigned)
    {
        if (reassigned.IsEmpty)
        {
            return;
        }

        RecentItems.RemoveAll(reassigned);
        Categories.RemoveReassigned(reassigned, attributes: false);
        Attributes.RemoveReassigned(reassigned, attributes: true);
        if (_extras is { } extras)
        {
            extras.Purchases.RemoveAll(reassigned);
            extras.Dismissed?.RemoveAll(reassigned);
            extras.Shows?.RemoveAll(reassigned);
            extras.Preferences?.RemoveReassigned(reassigned);
        }
    }

    /// <summary>Counts one event at <paramref name="ticks"/>.</summary>
    public void Touch(long ticks)
    {
        if (EventCount == 0 || ticks < FirstSeenTicks)
        {
            FirstSeenTicks = ticks;
        }

        LastSeenTicks = Math.Max(LastSeenTicks, ticks);

        // Saturates: a count that wrapped negative would be written as one no reader takes,
        // and every later state of this server refused whole.
        if (EventCount < int.MaxValue)
        {
            EventCount++;
        }
    }

    /// <summary>Takes <paramref name="unitKey"/> as the holdout unit, whenever it was first used (a stitch settled it by the ledger).</summary>
    public void AssignUnit(string unitKey, long sinceTicks) => (UnitKey, UnitSinceTicks) = (unitKey, sinceTicks);

    /// <summary>Takes <paramref name="unitKey"/> as the holdout unit when it was first used before the current one.</summary>
    public void ClaimUnit(string unitKey, long sinceTicks)
    {
        if (UnitKey is null || sinceTicks < UnitSinceTicks)
        {
            (UnitKey, UnitSinceTicks) = (unitKey, sinceTicks);
        }
    }

    /// <summary>
    /// Folds another profile (an anonymous one being stitched in) into this one: affinities summed
    /// after aligning their decay, purchases and dismissals unioned, recent items merged by time,
    /// counts added, the earlier first-seen and later last-seen kept. The known account's consent
    /// wins: this profile's stated consent, else, when the account existed before the stitch, the
    /// one in force for it (the default), so a guest's statement is never imposed on an account.
    /// Only when <paramref name="adoptConsent"/> (the account had no profile: the guest's becomes
    /// it) is the guest's stated consent taken, as the person's only statement. The holdout unit of
    /// the profile assigned first is kept here; the stitch then settles it by the ledger (the unit
    /// measured first wins), so neither key switches arms afterwards.
    /// </summary>
    /// <param name="other">The profile merged in.</param>
    /// <param name="halfLifeTicks">The affinity half-life.</param>
    /// <param name="services">The catalog and metrics.</param>
    /// <param name="adoptConsent">Whether the other profile's stated consent is taken when this one states none.</param>
    /// <param name="unstated">The consent in force for this person when, after the merge, their profile states none (remembered, else the default).</param>
    public void MergeFrom(ProfileData other, double halfLifeTicks, ProfileServices services, bool adoptConsent, ConsentFlags unstated)
    {
        var catalog = services.Catalog.Current;
        DropReassignedIds(catalog);
        var reassignedInOther = new ReassignedIds(catalog, other.IdsCheckedAt);
        if (other.UnitKey is not null)
        {
            ClaimUnit(other.UnitKey, other.UnitSinceTicks);
        }

        // A guest without events may still have been shown items (a decision records showings): the
        // frequency cap counts those too.
        if (other.IsEmpty && other.Shows.Count == 0 && (other.Consent is null || !adoptConsent))
        {
            return;
        }

        FirstSeenTicks = IsEmpty ? other.FirstSeenTicks : other.IsEmpty ? FirstSeenTicks : Math.Min(FirstSeenTicks, other.FirstSeenTicks);
        LastSeenTicks = Math.Max(LastSeenTicks, other.LastSeenTicks);
        EventCount = (int)Math.Min((long)EventCount + other.EventCount, int.MaxValue);
        LastComplaintTicks = Math.Max(LastComplaintTicks, other.LastComplaintTicks);
        if (adoptConsent && Consent is null && other.Consent is not null)
        {
            // Taken with when it was stated, so a later recalled consent still weighs against it.
            (Consent, ConsentTicks, ConsentRecalled) = (other.Consent, other.ConsentTicks, other.ConsentRecalled);
        }

        Categories.MergeFrom(other.Categories, halfLifeTicks, reassignedInOther, attributes: false);
        Attributes.MergeFrom(other.Attributes, halfLifeTicks, reassignedInOther, attributes: true);
        RecentItems.MergeFrom(other.RecentItems, reassignedInOther);
        if (other._extras is { Purchases.Count: > 0 } otherExtras && WritablePurchases.MergeFrom(otherExtras.Purchases, reassignedInOther) is > 0 and var purchasesDropped)
        {
            services.Metrics.PurchasesDropped(purchasesDropped);
        }

        if (other._extras?.Dismissed is { Count: > 0 } dismissed && WritableDismissed.MergeFrom(dismissed, reassignedInOther) is > 0 and var dropped)
        {
            services.Metrics.DismissalsDropped(dropped);
        }

        if (other._extras?.Preferences is { Count: > 0 } preferences && WritablePreferences.MergeFrom(preferences, reassignedInOther) is > 0 and var dislikesDropped)
        {
            services.Metrics.DislikesDropped(dislikesDropped);
        }

        if (other._extras?.Shows is { Count: > 0 } shows)
        {
            WritableShows.MergeFrom(shows, reassignedInOther, services.TimeProvider.GetUtcNow().UtcTicks, services.ShowWindowTicks);
        }

        // A guest's behaviour stitched into an account without personalization consent is not kept:
        // one that withdrew, or that states nothing under a default without it.
        if (!ProfileUpdate.MayStoreBehaviour(Consent ?? unstated))
        {
            ForgetBehaviour();
        }
    }

    private static DismissedItems NewDismissed() => new();

    private static StatedPreferences NewPreferences() => new(LikeSlots, DislikeSlots);

    private static ShowCounter NewShows() => new(ShowSlots);

    /// <summary>
    /// Copies <paramref name="extras"/> (read once: a writer may create it, or a table in it, while this
    /// copies) into the target's. Nothing empty is created on the target, so restoring state keeps
    /// profiles as small as tracking does.
    /// </summary>
    private static void CopyExtras(ProfileExtras? extras, ProfileData target)
    {
        if (extras is null)
        {
            target._extras?.Clear();
            return;
        }

        var complaint = extras.LastComplaintTicks;
        target.LastComplaintTicks = complaint;
        (target.ConsentTicks, target.ConsentRecalled) = (extras.ConsentTicks, extras.ConsentRecalled);
        if (target._extras is null && extras.Purchases.Count == 0 && !HasEntries(Volatile.Read(ref extras.Dismissed))
            && !HasEntries(Volatile.Read(ref extras.Preferences)) && !HasEntries(Volatile.Read(ref extras.Shows)))
        {
            return;
        }

        var into = target.Extras;
        if (extras.Purchases.Count > 0)
        {
            extras.Purchases.CopyTo(ref into.Purchases);
        }
        else
        {
            into.Purchases.Clear();
        }

        CopyOptional(Volatile.Read(ref extras.Dismissed), ref into.Dismissed, NewDismissed);
        CopyOptional(Volatile.Read(ref extras.Preferences), ref into.Preferences, NewPreferences);
        CopyOptional(Volatile.Read(ref extras.Shows), ref into.Shows, NewShows);
    }

    private static bool HasEntries<T>(T? table)
        where T : class, IOptionalTable<T> => table is { Count: > 0 };

    /// <summary>Copies an optional table into the target's, creating it there only when there is something to copy.</summary>
    private static void CopyOptional<T>(T? source, ref T? target, Func<T> create)
        where T : class, IOptionalTable<T>
    {
        if (source is { Count: > 0 })
        {
            source.CopyTo(target ??= create());
        }
        else
        {
            target?.Clear();
        }
    }
}
