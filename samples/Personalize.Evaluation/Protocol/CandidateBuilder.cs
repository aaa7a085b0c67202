namespace Personalize.Evaluation.Protocol;

/// <summary>
/// Builds a user's candidates: every training item, in the fixed candidate order, except the items
/// the user has already interacted with.
/// </summary>
internal sealed class CandidateBuilder
{
    private readonly IReadOnlyList<int> _order;
    private readonly bool[] _excluded;
    private readonly int[] _buffer;

    /// <summary>Creates a builder over <paramref name="train"/>'s items.</summary>
    public CandidateBuilder(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _order = train.CandidateOrder;
        _excluded = new bool[train.ItemKeys.Count];
        _buffer = new int[train.ItemKeys.Count];
    }

    /// <summary>The candidates without <paramref name="seen"/>; valid until the next call.</summary>
    public ReadOnlySpan<int> Build(IEnumerable<int> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        foreach (var item in seen)
        {
            _excluded[item] = true;
        }

        var count = 0;
        foreach (var item in _order)
        {
            if (!_excluded[item])
            {
                _buffer[count++] = item;
            }
        }

        Array.Clear(_excluded);
        return _buffer.AsSpan(0, count);
    }
}
