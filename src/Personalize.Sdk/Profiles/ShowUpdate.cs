namespace Personalize.Sdk.Profiles;

/// <summary>The items a decision showed, counted for the frequency cap; passed by reference so no closure is allocated.</summary>
internal readonly ref struct ShowUpdate(ReadOnlySpan<int> candidates, ReadOnlySpan<int> positions, long ticks, long windowTicks)
{
    private readonly ReadOnlySpan<int> _candidates = candidates;
    private readonly ReadOnlySpan<int> _positions = positions;
    private readonly long _ticks = ticks;
    private readonly long _windowTicks = windowTicks;

    public static void Apply(ProfileData profile, in ShowUpdate update)
    {
        profile.DropReassignedItems();
        foreach (var position in update._positions)
        {
            profile.WritableShows.RecordShow(update._candidates[position], update._ticks, update._windowTicks);
        }
    }
}
