namespace Personalize.Sdk.Profiles;

/// <summary>Which slot of a bounded table makes room when it is full: the one with the earliest time.</summary>
internal static class OldestSlot
{
    /// <summary>The index of the earliest of <paramref name="ticks"/> (the first among equals); 0 when empty.</summary>
    public static int In(ReadOnlySpan<long> ticks)
    {
        var oldest = 0;
        for (var slot = 1; slot < ticks.Length; slot++)
        {
            if (ticks[slot] < ticks[oldest])
            {
                oldest = slot;
            }
        }

        return oldest;
    }
}
