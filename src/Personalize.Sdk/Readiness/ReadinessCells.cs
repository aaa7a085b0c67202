namespace Personalize.Sdk.Readiness;

/// <summary>
/// One thread's readiness counters: for each step of the window, a row of counters per placement
/// (and one for events). Only the owning thread writes, with plain adds; readers sum every
/// thread's cells and skip a step that is being reset (see <see cref="ReadinessWindow"/>).
/// </summary>
internal sealed class ReadinessCells
{
    public ReadinessCells(ReadinessWindow window, int ownerThreadId, int steps, int stepLength)
    {
        Window = window;
        OwnerThreadId = ownerThreadId;
        Epochs = new long[steps];
        Array.Fill(Epochs, Empty);
        Values = new long[steps * stepLength];
    }

    /// <summary>The epoch of a step that holds nothing, or is being reset.</summary>
    public const long Empty = -1;

    public ReadinessWindow Window { get; }

    /// <summary>The managed thread id that writes these cells; a new thread reusing a dead thread's id takes them over.</summary>
    public int OwnerThreadId { get; }

    /// <summary>Which step of time (ticks / step length) each step slot holds.</summary>
    public long[] Epochs { get; }

    public long[] Values { get; }
}
