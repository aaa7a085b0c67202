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
    public EventKind Kind { get; init; }

    public int ItemIndex { get; init; }

    public int CategoryId { get; init; }

    public ReadOnlySpan<int> Attributes { get; init; }

    public double Weight { get; init; }

    public long Ticks { get; init; }

    public double HalfLifeTicks { get; init; }

    public bool PreferenceIsAttribute { get; init; }

    public int PreferenceId { get; init; }

    public bool Likes { get; init; }

    public ConsentFlags Consent { get; init; }

    /// <summary>The consent of a user who has not stated any.</summary>
    public ConsentFlags DefaultConsent { get; init; }

    public IItemStatistics Statistics { get; init; }

    /// <summary>Whether only the profile learns of the event: it was counted in the statistics when it happened (a recalled event).</summary>
    public bool ProfileOnly { get; init; }

    /// <summary>Where the profile counts what its bounded tables drop, and finds the catalog's reassigned items.</summary>
    public ProfileServices Services { get; init; }

    /// <summary>The key the event resolved to: the profile's holdout unit if it has none yet.</summary>
    public string UnitKey { get; init; }

    /// <summary>Whether a user with <paramref name="consent"/> may have their behaviour stored.</summary>
    public static bool MayStoreBehaviour(ConsentFlags consent) => (consent & ConsentFlags.Personalization) != 0;

    /// <summary>
    /// Records an event of a user who has not consented: only the anonymous popularity learns of
    /// it. No next-step link is made, since that needs what the user did before.
    /// </summary>
    public static void RecordAnonymously(in ProfileUpdate update)
    {
        if (!update.ProfileOnly && update.Kind is EventKind.View or EventKind.Click or EventKind.AddToCart or EventKind.Purchase or EventKind.Rating)
        {
            update.Statistics.Record(update.ItemIndex, update.Weight, update.Ticks, []);
        }
    }

    public static void Apply(ProfileData profile, in ProfileUpdate update)
    {
        profile.DropReassignedItems(update.Services.Catalog.Current);
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

            return;
        }

        if (!MayStoreBehaviour(profile.Consent ?? update.DefaultConsent))
        {
            // Checked again under the profile's lock, so an event racing a withdrawal is not kept.
            RecordAnonymously(update);
            return;
        }

        profile.Touch(update.Ticks);
        switch (update.Kind)
        {
            case EventKind.Complaint:
                profile.LastComplaintTicks = Math.Max(profile.LastComplaintTicks, update.Ticks);
                return;
            case EventKind.StatedPreference:
                profile.WritablePreferences.Set(update.PreferenceIsAttribute, update.PreferenceId, update.Likes, update.Ticks);
                return;
            case EventKind.Dismiss:
                if (!update.ProfileOnly)
                {
                    update.Statistics.MarkEngaged(update.ItemIndex, update.Ticks);
                }

                if (profile.WritableDismissed.Add(update.ItemIndex, update.Ticks) > 0)
                {
                    update.Services.Metrics.DismissalsDropped(1);
                }

                break;
            default:
                if (profile.Shows.Count > 0)
                {
                    profile.WritableShows.Reset(update.ItemIndex);
                }
                if (!update.ProfileOnly)
                {
                    update.Statistics.Record(update.ItemIndex, update.Weight, update.Ticks, profile.RecentItems.Items);
                }

                // Only what the user liked seeds next-step suggestions: a low rating must not.
                if (update.Weight > 0)
                {
                    profile.RecentItems.Add(update.ItemIndex, update.Ticks);
                }

                if (update.Kind == EventKind.Purchase)
                {
                    profile.WritablePurchases.Add(update.ItemIndex, update.Ticks);
                }

                break;
        }

        if (update.CategoryId != CatalogSnapshot.None)
        {
            profile.Categories.Add(update.CategoryId, update.Weight, update.Ticks, update.HalfLifeTicks);
        }

        foreach (var attribute in update.Attributes)
        {
            profile.Attributes.Add(attribute, update.Weight, update.Ticks, update.HalfLifeTicks);
        }
    }
}
