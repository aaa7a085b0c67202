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
    /// When the consent in force was stated, as the recalled record that stated it is dated (UTC
    /// ticks); 0 when a live event stated it, or none did. Not copied or saved: only recalls read it.
    /// </summary>
    public long RecalledConsentTicks;

    /// <summary>Forgets every entry and the complaint, keeping the tables' capacity.</summary>
    public void Clear()
    {
        Purchases.Clear();
        Dismissed?.Clear();
        Preferences?.Clear();
        Shows?.Clear();
        LastComplaintTicks = 0;
        RecalledConsentTicks = 0;
    }
}
