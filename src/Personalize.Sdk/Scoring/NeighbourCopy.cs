using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Scoring;

/// <summary>
/// The co-occurrence signal's copy of the neighbour lists it scored from, one row per recent item
/// it read (newest first). A next-step reason reads this copy, not the live statistics, so it
/// names the item whose link gave the score even if a Track replaced the link since.
/// </summary>
internal sealed class NeighbourCopy
{
    public const int Slots = ItemStatistics.NeighbourSlots;

    private readonly int[] _items = [.. Enumerable.Repeat(-1, ItemStatistics.LinkedRecentItems * Slots)];
    private readonly double[] _weights = new double[ItemStatistics.LinkedRecentItems * Slots];

    /// <summary>How many rows this decision copied; 0 when the signal did not run.</summary>
    public int Rows { get; private set; }

    /// <summary>
    /// Starts a copy of <paramref name="rows"/> rows (at most <see cref="ItemStatistics.LinkedRecentItems"/>):
    /// the spans to fill, every item -1 (none) and every weight 0.
    /// </summary>
    public void Begin(int rows, out Span<int> items, out Span<double> weights)
    {
        Clear();
        Rows = rows;
        items = _items.AsSpan(0, rows * Slots);
        weights = _weights.AsSpan(0, rows * Slots);
    }

    public ReadOnlySpan<int> ItemsOf(int row) => _items.AsSpan(row * Slots, Slots);

    public ReadOnlySpan<double> WeightsOf(int row) => _weights.AsSpan(row * Slots, Slots);

    /// <summary>Forgets the copy, so no later decision reads this one's links.</summary>
    public void Clear()
    {
        _items.AsSpan(0, Rows * Slots).Fill(-1);
        _weights.AsSpan(0, Rows * Slots).Clear();
        Rows = 0;
    }
}
