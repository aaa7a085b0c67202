namespace Personalize.Sdk.Statistics;

/// <summary>
/// A published, immutable table of each item's most similar items (the <c>similar-items</c>
/// signal's input): per item index a row of at most <see cref="Width"/> neighbours, most similar
/// first. The model builds a new table in the background and swaps the reference; rows that did
/// not change are shared with the previous table. A decision reads the reference once, so it never
/// sees a table change under it.
/// </summary>
internal sealed class SimilarItemsTable
{
    private readonly int[]?[] _items;
    private readonly float[]?[] _weights;

    public SimilarItemsTable(int width, int[]?[] items, float[]?[] weights)
    {
        Width = width;
        _items = items;
        _weights = weights;
    }

    /// <summary>The table of a model that has seen nothing yet.</summary>
    public static SimilarItemsTable Empty { get; } = new(1, [], []);

    /// <summary>The most neighbours a row holds.</summary>
    public int Width { get; }

    /// <summary>How many item indices the table spans.</summary>
    public int ItemCount => _items.Length;

    /// <summary>The table's size in bytes: the row references and every row's indices and weights.</summary>
    public long Bytes
    {
        get
        {
            var bytes = 2L * _items.Length * IntPtr.Size;
            foreach (var row in _items)
            {
                bytes += row is null ? 0 : row.Length * (sizeof(int) + sizeof(float));
            }

            return bytes;
        }
    }

    /// <summary>The neighbours of <paramref name="itemIndex"/> and their weights, most similar first; empty beyond the table or without neighbours.</summary>
    public SimilarRow Row(int itemIndex) =>
        (uint)itemIndex < (uint)_items.Length && _items[itemIndex] is { } items
            ? new SimilarRow(items, _weights[itemIndex])
            : default;

    /// <summary>Copies the row references into arrays at least as long, for the next table to share.</summary>
    internal void CopyRowsTo(int[]?[] items, float[]?[] weights)
    {
        _items.AsSpan().CopyTo(items);
        _weights.AsSpan().CopyTo(weights);
    }
}

/// <summary>One item's row of a <see cref="SimilarItemsTable"/>: neighbours and their weights, slot by slot.</summary>
internal readonly ref struct SimilarRow(ReadOnlySpan<int> items, ReadOnlySpan<float> weights)
{
    public ReadOnlySpan<int> Items { get; } = items;

    public ReadOnlySpan<float> Weights { get; } = weights;

    public void Deconstruct(out ReadOnlySpan<int> items, out ReadOnlySpan<float> weights)
    {
        items = Items;
        weights = Weights;
    }
}
