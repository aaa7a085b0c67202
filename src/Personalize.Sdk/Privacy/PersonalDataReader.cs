using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Privacy;

/// <summary>Turns a profile's ids and ticks into the catalog's names and times, for an access request.</summary>
internal static class PersonalDataReader
{
    public static PersonalProfile Summarize(ProfileData profile, CatalogSnapshot catalog, DateTimeOffset now, double halfLifeTicks) => new()
    {
        EventCount = profile.EventCount,
        FirstSeen = profile.IsEmpty ? null : At(profile.FirstSeenTicks),
        LastSeen = profile.IsEmpty ? null : At(profile.LastSeenTicks),
        LastComplaint = profile.LastComplaintTicks == 0 ? null : At(profile.LastComplaintTicks),
        HoldoutUnit = profile.UnitKey,
        Categories = Affinities(profile.Categories, id => id < catalog.CategorySpace ? catalog.GetCategoryName(id) : null, now, halfLifeTicks),
        Attributes = Affinities(profile.Attributes, id => id < catalog.AttributeSpace ? catalog.GetAttributeToken(id) : null, now, halfLifeTicks),
        StatedPreferences = Preferences(profile.Preferences, catalog),
        RecentItems = Items(profile.RecentItems, catalog),
        Purchases = Items(profile.Purchases, catalog),
        Dismissed = Dismissals(profile.Dismissed, catalog),
        Showings = [.. Enumerable.Range(0, profile.Shows.Count).Select(slot => new PersonalShowing
        {
            ItemKey = catalog.GetItem(profile.Shows.ItemAt(slot))?.Key,
            Count = profile.Shows.CountAt(slot),
            FirstShown = At(profile.Shows.FirstShownAt(slot)),
        })],
    };

    private static PersonalAffinity[] Affinities(DecayedTable table, Func<int, string?> nameOf, DateTimeOffset now, double halfLifeTicks) =>
    [
        .. Enumerable.Range(0, table.Count)
            .Select(slot => (Name: nameOf(table.IdAt(slot)), Value: table.ValueAt(slot, now.UtcTicks, halfLifeTicks)))
            .Where(entry => entry.Name is not null)
            .OrderByDescending(entry => entry.Value)
            .Select(entry => new PersonalAffinity { Name = entry.Name!, Value = entry.Value }),
    ];

    private static PersonalPreference[] Preferences(StatedPreferences preferences, CatalogSnapshot catalog) =>
    [
        .. Enumerable.Range(0, preferences.Count)
            .Select(preferences.At)
            .Select(statement => (statement, Name: statement.IsAttribute
                ? statement.Id < catalog.AttributeSpace ? catalog.GetAttributeToken(statement.Id) : null
                : statement.Id < catalog.CategorySpace ? catalog.GetCategoryName(statement.Id) : null))
            .Where(entry => entry.Name is not null)
            .Select(entry => new PersonalPreference
            {
                Target = entry.statement.IsAttribute ? PreferenceTarget.Attribute : PreferenceTarget.Category,
                Name = entry.Name!,
                Likes = entry.statement.Likes,
                At = At(entry.statement.Ticks),
            }),
    ];

    /// <summary>Newest first: the rings keep their entries oldest first.</summary>
    private static PersonalItem[] Items(TimedRing ring, CatalogSnapshot catalog) =>
    [
        .. Enumerable.Range(0, ring.Count).Reverse().Select(slot => new PersonalItem
        {
            ItemKey = catalog.GetItem(ring.ItemAt(slot))?.Key,
            At = At(ring.TicksAt(slot)),
        }),
    ];

    /// <summary>Newest first: the set keeps its entries by item index.</summary>
    private static PersonalItem[] Dismissals(DismissedItems dismissed, CatalogSnapshot catalog) =>
    [
        .. Enumerable.Range(0, dismissed.Count)
            .OrderByDescending(dismissed.TicksAt)
            .Select(slot => new PersonalItem { ItemKey = catalog.GetItem(dismissed.Items[slot])?.Key, At = At(dismissed.TicksAt(slot)) }),
    ];

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
