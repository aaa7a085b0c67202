using System.Numerics.Tensors;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// A dense item-to-item model: score(u, j) = Σ over the user's items i of W[i][j]. EASE and
/// RP3beta differ only in how they fill W. Items the model does not cover score −∞, so they rank
/// below every covered item (and keep the candidate order among themselves).
/// </summary>
internal sealed class ItemToItemWeights
{
    private readonly FrequentItems _items;
    private readonly float[] _weights;
    private readonly int[][] _userItems;

    /// <summary>Wraps <paramref name="weights"/> (row-major, rows = from-item, columns = to-item, model indices) for <paramref name="train"/>'s users.</summary>
    public ItemToItemWeights(FrequentItems items, float[] weights, TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != items.Count * items.Count)
        {
            throw new ArgumentException($"Expected {items.Count} × {items.Count} weights.", nameof(weights));
        }

        _items = items;
        _weights = weights;
        _userItems = items.MapUsers(train);
    }

    /// <summary>The items the model covers (model index ↔ training item index).</summary>
    public FrequentItems Items => _items;

    /// <summary>Row <paramref name="modelIndex"/> of W (from that item to every covered item), by model index.</summary>
    public ReadOnlySpan<float> Row(int modelIndex) => _weights.AsSpan(modelIndex * _items.Count, _items.Count);

    /// <summary>The bytes W holds (a dense float matrix).</summary>
    public long Bytes => (long)_weights.Length * sizeof(float);

    /// <summary>W[from][to], by training item index; 0 when either item is not covered.</summary>
    public double Weight(int fromItem, int toItem)
    {
        var from = _items.ModelIndexOf(fromItem);
        var to = _items.ModelIndexOf(toItem);
        return from < 0 || to < 0 ? 0 : _weights[(from * _items.Count) + to];
    }

    /// <summary>Writes each candidate's score for <paramref name="user"/>.</summary>
    public void Score(int user, ReadOnlySpan<int> candidates, Span<double> scores)
    {
        var n = _items.Count;
        var sum = new float[n];
        foreach (var i in _userItems[user])
        {
            TensorPrimitives.Add(sum, _weights.AsSpan(i * n, n), sum);
        }

        for (var c = 0; c < candidates.Length; c++)
        {
            var m = _items.ModelIndexOf(candidates[c]);
            scores[c] = m < 0 ? double.NegativeInfinity : sum[m];
        }
    }

    /// <summary>The top of <paramref name="candidates"/> for <paramref name="user"/> (see <see cref="IRecommender.Recommend"/>).</summary>
    public int Recommend(int user, ReadOnlySpan<int> candidates, Span<int> destination)
    {
        var scores = new double[candidates.Length];
        Score(user, candidates, scores);
        return TopN.Select(candidates, scores, destination);
    }
}
