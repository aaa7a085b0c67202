namespace Personalize.Sdk.Profiles;

/// <summary>
/// How a profile's tables grow: from nothing, to 4 slots at the first entry, then 8, then by a
/// quarter, at least 2 slots (10, 12, 15, 18, 22, 27, 33), then from 32 slots on by doubling, up to
/// the table's documented capacity. A new profile holds no slots, and from 8 to 32 slots a table
/// that grew one entry at a time is at most a fifth empty.
/// </summary>
/// <remarks>
/// Profiles are many and long-lived, so slack costs more than copying: growing by a quarter
/// rather than by half took 72 bytes a person off the <c>memory</c> probe (10 views each),
/// for two or three more small copies while a table fills. The few tables that may pass 32 slots
/// (purchases and stated dislikes, up to 256) are a heavy user's, few per process: for them the
/// copies would cost more than the slack.
/// </remarks>
internal static class TableGrowth
{
    private const int FirstGrowth = 4;

    private const int DoublingFrom = 32;

    /// <summary>The next array length for a table of <paramref name="length"/> slots that needs <paramref name="needed"/>, at most <paramref name="capacity"/>.</summary>
    public static int NextLength(int length, int needed, int capacity) =>
        Math.Min(capacity, Math.Max(needed, length < FirstGrowth ? FirstGrowth : length < 2 * FirstGrowth ? 2 * FirstGrowth : length >= DoublingFrom ? 2 * length : length + Math.Max(2, length / 4)));

    /// <summary>A copy of the first <paramref name="count"/> values of <paramref name="values"/> in a new array of <paramref name="length"/>.</summary>
    public static T[] Grown<T>(T[] values, int count, int length)
    {
        var grown = new T[length];
        values.AsSpan(0, count).CopyTo(grown);
        return grown;
    }
}
