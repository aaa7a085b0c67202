namespace Personalize.Sdk.Profiles;

/// <summary>
/// The items a decision showed, counted for the frequency cap; passed by reference so no closure is
/// allocated. What a person was shown is data about them: it is kept only with their consent to
/// personalization, checked under the profile's lock so a decision racing a withdrawal keeps nothing.
/// The indices are the decision's catalog's (<paramref name="decidedOn"/>): one the current catalog
/// gave to another key since is not counted, or a showing of the item that left would cap the one
/// that took its index.
/// </summary>
internal readonly ref struct ShowUpdate(ReadOnlySpan<int> candidates, ReadOnlySpan<int> positions, long ticks, long windowTicks, ConsentFlags defaultConsent, Catalog.CatalogSnapshot catalog, long decidedOn)
{
    private readonly long _decidedOn = decidedOn;
    private readonly Catalog.CatalogSnapshot _catalog = catalog;
    private readonly ReadOnlySpan<int> _candidates = candidates;
    private readonly ReadOnlySpan<int> _positions = positions;
    private readonly long _ticks = ticks;
    private readonly long _windowTicks = windowTicks;
    private readonly ConsentFlags _defaultConsent = defaultConsent;

    public static void Apply(ProfileData profile, in ShowUpdate update)
    {
        if (!ProfileUpdate.MayStoreBehaviour(profile.Consent ?? update._defaultConsent))
        {
            return;
        }

        profile.DropReassignedIds(update._catalog);
        foreach (var position in update._positions)
        {
            var item = update._candidates[position];
            if (!update._catalog.WasReassignedAfter(item, update._decidedOn))
            {
                profile.WritableShows.RecordShow(item, update._ticks, update._windowTicks);
            }
        }
    }
}
