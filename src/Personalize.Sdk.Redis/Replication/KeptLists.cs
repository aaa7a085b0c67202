using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Which kept list (<see cref="KeptList"/>) a change also goes to, each list's name, and how many it keeps.</summary>
internal static class KeptLists
{
    /// <summary>Every list, in the order <see cref="PersonRecords"/> passes their keys to its scripts (from the fifth key on).</summary>
    public static readonly KeptList[] All = [KeptList.Purchases, KeptList.Statements, KeptList.Dismissals, KeptList.Complaints, KeptList.Consents];

    /// <summary>The list <paramref name="personalizationEvent"/> also goes to, if any.</summary>
    public static KeptList Of(in PersonalizationEvent personalizationEvent) => personalizationEvent.Kind switch
    {
        EventKind.Purchase => KeptList.Purchases,
        EventKind.StatedPreference => KeptList.Statements,
        EventKind.Dismiss => KeptList.Dismissals,
        EventKind.Complaint => KeptList.Complaints,
        EventKind.Consent => KeptList.Consents,
        _ => KeptList.None,
    };

    /// <summary>The last part of the list's key: <c>{prefix}:p:{key}:kept:{name}</c>.</summary>
    public static string Name(KeptList list) => list switch
    {
        KeptList.Purchases => "kept:purchases",
        KeptList.Statements => "kept:statements",
        KeptList.Dismissals => "kept:dismissals",
        KeptList.Complaints => "kept:complaints",
        KeptList.Consents => "kept:consents",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "The records alone hold this kind of change."),
    };

    /// <summary>
    /// How many of its changes a list keeps: as many changes as a profile keeps entries, which a
    /// profile keeps one per item (purchases, dismissals), so a repeat buyer's list can lose an older
    /// purchase the profile still holds. Statements keep twice the dislikes a profile holds (a
    /// profile keeps 16 likes and 256 dislikes). Complaints and consents: only the last counts, a
    /// few kept for copies that arrive out of order.
    /// </summary>
    public static int Limit(KeptList list) => list switch
    {
        KeptList.Purchases => ProfileData.PurchaseSlots,
        KeptList.Statements => 2 * ProfileData.DislikeSlots,
        KeptList.Dismissals => DismissedItems.Capacity,
        KeptList.Complaints or KeptList.Consents => 4,
        _ => 0,
    };
}
