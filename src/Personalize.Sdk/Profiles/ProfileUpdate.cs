using System.Runtime.CompilerServices;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Profiles;

/// <summary>
/// What one event changes in a profile, passed by reference to the profile's writer so that no
/// closure is allocated. Item statistics (popularity, co-occurrence) are recorded here too, because
/// next-step links need the user's recent items as they were just before this event.
/// </summary>
internal readonly ref struct ProfileUpdate
{
    private readonly ref bool _kept;

    /// <param name="kept">Set by <see cref="Apply"/>, under the profile's lock, when the profile kept the event.</param>
    public ProfileUpdate(ref bool kept)
    {
        _kept = ref kept;
    }

    public EventKind Kind { get; init; }

    /// <summary>The event's item, as <see cref="CatalogVersion"/> resolved it; <see cref="CatalogSnapshot.None"/> for none.</summary>
    public int ItemIndex { get; init; }

    /// <summary>
    /// The version of the catalog snapshot <see cref="ItemIndex"/> was resolved against: if the
    /// index went to a new key after it, the event's item part is about an item that left, and is dropped.
    /// </summary>
    public long CatalogVersion { get; init; }

    public int CategoryId { get; init; }

    public ReadOnlySpan<int> Attributes { get; init; }

    public double Weight { get; init; }

    public long Ticks { get; init; }

    /// <summary>Whether the host gave the event no time: it happens now, after every showing recorded before it, even when the clock was set back since.</summary>
    public bool Undated { get; init; }

    public double HalfLifeTicks { get; init; }

    public bool PreferenceIsAttribute { get; init; }

    public int PreferenceId { get; init; }

    public bool Likes { get; init; }

    public ConsentFlags Consent { get; init; }

    /// <summary>The consent of a user who has not stated any.</summary>
    public ConsentFlags DefaultConsent { get; init; }

    public required IItemStatistics Statistics { get; init; }

    /// <summary>Whether only the profile learns of the event: it was counted in the statistics when it happened (a recalled event).</summary>
    public bool ProfileOnly { get; init; }

    /// <summary>Where the profile counts what its bounded tables drop, and finds the catalog's reassigned items.</summary>
    public required ProfileServices Services { get; init; }

    /// <summary>The key the event resolved to: the profile's holdout unit if it has none yet.</summary>
    public required string UnitKey { get; init; }

    /// <summary>
    /// Whether the profile kept the event, as <see cref="Apply"/> reported it: a consent, or
    /// behaviour of a person who consents to its storing. False before the write, and after a write
    /// that found the consent withdrawn meanwhile: the event is then one without consent.
    /// </summary>
    public bool Kept => !Unsafe.IsNullRef(ref _kept) && _kept;

    /// <summary>Whether a user with <paramref name="consent"/> may have their behaviour stored.</summary>
    public static bool MayStoreBehaviour(ConsentFlags consent) => (consent & ConsentFlags.Personalization) != 0;

    /// <summary>
    /// Records an event of a user who has not consented: only the anonymous popularity learns of
    /// it. No next-step link is made, since that needs what the user did before. Nothing is recorded
    /// when the item's index went to a new key since the event resolved it.
    /// </summary>
    public static void RecordAnonymously(in ProfileUpdate update)
    {
        if (!update.ProfileOnly && update.Kind is EventKind.View or EventKind.Click or EventKind.AddToCart or EventKind.Purchase or EventKind.Rating
            && update.Services.Catalog.Current is var catalog
            && update.ItemOn(catalog) is var item and not CatalogSnapshot.None)
        {
            update.Statistics.Record(item, update.Weight, update.Ticks, [], catalogVersion: catalog.Version);
        }
    }

    /// <summary>
    /// Applies the event to <paramref name="profile"/>, under its lock. Reports whether the profile
    /// kept it (<see cref="Kept"/>); one it did not keep (the person withdrew consent meanwhile) is
    /// left whole to the caller, to record anonymously.
    /// </summary>
    public static void Apply(ProfileData profile, in ProfileUpdate update)
    {
        // A recall's consent never overrules one stated live here (what happened since the fetch is
        // newer); of those recalled or kept apart at an eviction, key by key in any order, the
        // latest stands (the first read, of two stated at once; the same statement read again
        // applies again). One passed over takes nothing, not the holdout unit either.
        if (update.Kind == EventKind.Consent && update.ProfileOnly && profile.Consent is { } current
            && (!profile.ConsentRecalled || update.Ticks < profile.ConsentTicks || (update.Ticks == profile.ConsentTicks && update.Consent != current)))
        {
            return;
        }

        // Checked against the catalog the profile is checked against: an index given to a new key
        // later is dropped from the profile the next time it is read or written, with the rest.
        var catalog = update.Services.Catalog.Current;
        profile.DropReassignedIds(catalog);
        var item = update.ItemOn(catalog);
        if (update.ProfileOnly)
        {
            // Recalled after newer events made the profile: the earliest unit wins, as in a stitch.
            profile.ClaimUnit(update.UnitKey, update.Ticks);
        }
        else if (profile.UnitKey is null)
        {
            (profile.UnitKey, profile.UnitSinceTicks) = (update.UnitKey, update.Ticks);
        }

        if (update.Kind == EventKind.Consent)
        {
            // Consent is a setting, not behaviour: it does not count as an event. Withdrawing it
            // erases what the user did; the consent itself and the holdout unit stay.
            profile.Consent = update.Consent;
            if (!MayStoreBehaviour(update.Consent))
            {
                profile.ForgetBehaviour();
            }

            // Dated where something weighs it: a recall, or an eviction that keeps it apart.
            profile.ConsentRecalled = update.ProfileOnly;
            profile.ConsentTicks = update.ProfileOnly || RememberedConsents.GrantsLess(update.Consent, update.DefaultConsent) ? update.Ticks : 0;
            update.Keep();
            return;
        }

        if (!MayStoreBehaviour(profile.Consent ?? update.DefaultConsent))
        {
            // Checked again under the profile's lock, so an event racing a withdrawal is not kept:
            // not reported kept, the caller applies it as one without consent (RecordAnonymously).
            return;
        }

        update.Keep();
        profile.Touch(update.Ticks);
        switch (update.Kind)
        {
            case EventKind.Complaint:
                profile.LastComplaintTicks = Math.Max(profile.LastComplaintTicks, update.Ticks);
                return;
            case EventKind.StatedPreference when update.PreferenceIsAttribute
                ? catalog.WasAttributeReassignedAfter(update.PreferenceId, update.CatalogVersion)
                : catalog.WasCategoryReassignedAfter(update.PreferenceId, update.CatalogVersion):
                // The category or value it names left and its id went to a new one meanwhile: nothing to state.
                return;
            case EventKind.StatedPreference:
                if (profile.WritablePreferences.Set(update.PreferenceIsAttribute, update.PreferenceId, update.Likes, update.Ticks))
                {
                    update.Services.Metrics.DislikesDropped(1);
                }

                return;
            case EventKind.Dismiss when item == CatalogSnapshot.None:
                // Its item left and its index went to a new key meanwhile: only the affinities learn of it.
                break;
            case EventKind.Dismiss:
                if (!update.ProfileOnly)
                {
                    update.Statistics.MarkEngaged(item, update.Ticks, catalog.Version);
                }

                if (profile.WritableDismissed.Add(item, update.Ticks) > 0)
                {
                    update.Services.Metrics.DismissalsDropped(1);
                }

                break;
            default:
                if (item == CatalogSnapshot.None)
                {
                    break;
                }

                if (profile.Shows.Count > 0)
                {
                    // An undated engagement happens now, after every showing, even when the clock was set back since.
                    profile.WritableShows.Reset(item, update.Undated ? long.MaxValue : update.Ticks);
                }

                if (!update.ProfileOnly)
                {
                    // Next steps lead from what came before: a late event of earlier history links
                    // from none of the items the person went on to after it.
                    update.Statistics.Record(item, update.Weight, update.Ticks, profile.RecentItems.Items, profile.RecentItems.CountUntil(update.Ticks), catalog.Version);
                }

                // Only what the user liked seeds next-step suggestions: a low rating must not, nor
                // may the item's earlier view: it leaves the recent items (a later view stays).
                if (update.Weight > 0)
                {
                    profile.RecentItems.Add(item, update.Ticks);
                }
                else
                {
                    profile.RecentItems.Remove(item, update.Ticks);
                }

                if (update.Kind == EventKind.Purchase && profile.WritablePurchases.Add(item, update.Ticks))
                {
                    update.Services.Metrics.PurchasesDropped(1);
                }

                break;
        }

        // Ids resolved against the event's snapshot: one given to a new category or value since names
        // another. The common case, no id changed hands since, is one comparison.
        var idsChanged = catalog.LastReassignment > update.CatalogVersion;
        if (update.CategoryId != CatalogSnapshot.None && !(idsChanged && catalog.WasCategoryReassignedAfter(update.CategoryId, update.CatalogVersion)))
        {
            profile.Categories.Add(update.CategoryId, update.Weight, update.Ticks, update.HalfLifeTicks);
        }

        foreach (var attribute in update.Attributes)
        {
            if (!(idsChanged && catalog.WasAttributeReassignedAfter(attribute, update.CatalogVersion)))
            {
                profile.Attributes.Add(attribute, update.Weight, update.Ticks, update.HalfLifeTicks);
            }
        }
    }

    /// <summary>
    /// The event's item index, or <see cref="CatalogSnapshot.None"/> when <paramref name="catalog"/>
    /// gave it to a new key after the snapshot the event resolved it against: what the event says
    /// about the item that left must not land on the one that took its index.
    /// </summary>
    private int ItemOn(CatalogSnapshot catalog) =>
        ItemIndex != CatalogSnapshot.None && catalog.WasReassignedAfter(ItemIndex, CatalogVersion) ? CatalogSnapshot.None : ItemIndex;

    private void Keep()
    {
        if (!Unsafe.IsNullRef(ref _kept))
        {
            _kept = true;
        }
    }
}
