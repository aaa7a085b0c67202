namespace Personalize.Sdk.Profiles;

/// <summary>
/// What only some people have: purchases, dismissals, stated preferences, showings and a complaint.
/// A profile holds one reference to this, created at the first of them, instead of five fields: 32
/// bytes saved for everyone who only browses. Each table is itself created at its first entry (the
/// purchases, a struct, allocate their buffer then).
/// </summary>
internal sealed class ProfileExtras
{
    // A field, not a property: the ring is a struct changed in place.
    public TimedRing Purchases = new(ProfileData.PurchaseSlots);
    public DismissedItems? Dismissed;
    public StatedPreferences? Preferences;
    public ShowCounter? Shows;

    /// <summary>When the user last complained; 0 when never.</summary>
    public long LastComplaintTicks;

    /// <summary>
    /// When the consent in force was stated (UTC ticks), where that is kept: for one a recall
    /// applied or one taken back after an eviction, and for one stated here that grants less than
    /// the default (an eviction keeps it apart with this date); 0 otherwise. Copied with the profile,
    /// and saved beside it in a state snapshot.
    /// </summary>
    public long ConsentTicks;

    /// <summary>
    /// Whether the consent in force came from elsewhere (a recall, or those kept apart at an
    /// eviction, stated before a recall's fetch): a recalled consent stated later overrules it.
    /// </summary>
    public bool ConsentRecalled;

    /// <summary>Forgets every entry and the complaint, keeping the tables' capacity.</summary>
    public void Clear()
    {
        Purchases.Clear();
        Dismissed?.Clear();
        Preferences?.Clear();
        Shows?.Clear();
        LastComplaintTicks = 0;
        ConsentTicks = 0;
        ConsentRecalled = false;
    }
}
