using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// Item-based k-nearest-neighbours over the binary training user-item matrix, written plainly.
/// sim(i, j) = |users(i) ∩ users(j)| / sqrt(|users(i)| · |users(j)|) (cosine); each item keeps
/// its <c>k</c> most similar items (ties: lower index). A candidate's score is the sum of its
/// similarities to the user's items, over the neighbour lists of those items.
/// </summary>
/// <remarks>
/// <see cref="Observe"/> appends to the user's history only (the similarities stay those of
/// training), so the prequential walk can show what a live history alone brings.
/// </remarks>
internal sealed class ItemKnnRecommender : IIncrementalRecommender
{
    /// <summary>The default number of neighbours each item keeps.</summary>
    public const int DefaultNeighbours = 50;

    private readonly int _neighbours;
    private int[][] _neighbourItems = [];
    private float[][] _neighbourSimilarities = [];
    private List<int>[] _history = [];
    private double[] _scoreByItem = [];

    /// <summary>Creates the recommender with <paramref name="neighbours"/> neighbours per item.</summary>
    public ItemKnnRecommender(int neighbours = DefaultNeighbours)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        _neighbours = neighbours;
    }

    /// <inheritdoc />
    public string Name => "item-knn";

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var itemCount = train.ItemKeys.Count;
        var itemUsers = new List<int>[itemCount];
        for (var i = 0; i < itemCount; i++)
        {
            itemUsers[i] = [];
        }

        for (var user = 0; user < train.UserItems.Count; user++)
        {
            foreach (var item in train.UserItems[user])
            {
                itemUsers[item].Add(user);
            }
        }

        _neighbourItems = new int[itemCount][];
        _neighbourSimilarities = new float[itemCount][];
        var together = new int[itemCount];
        var touched = new List<int>();
        for (var i = 0; i < itemCount; i++)
        {
            foreach (var user in itemUsers[i])
            {
                foreach (var j in train.UserItems[user])
                {
                    if (j != i && together[j]++ == 0)
                    {
                        touched.Add(j);
                    }
                }
            }

            var similar = touched
                .Select(j => (Item: j, Similarity: together[j] / Math.Sqrt((double)itemUsers[i].Count * itemUsers[j].Count)))
                .OrderByDescending(n => n.Similarity)
                .ThenBy(n => n.Item)
                .Take(_neighbours)
                .ToArray();
            _neighbourItems[i] = [.. similar.Select(n => n.Item)];
            _neighbourSimilarities[i] = [.. similar.Select(n => (float)n.Similarity)];
            foreach (var j in touched)
            {
                together[j] = 0;
            }

            touched.Clear();
        }

        _history = [.. train.UserItems.Select(items => new List<int>(items))];
        _scoreByItem = new double[itemCount];
    }

    /// <inheritdoc />
    public void Observe(in IndexedEvent interaction) => _history[interaction.User].Add(interaction.Item);

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        var scores = new double[candidates.Length];
        Score(user, candidates, scores);
        return TopN.Select(candidates, scores, destination);
    }

    /// <summary>Writes each candidate's score for <paramref name="user"/> (the sum of its similarities to the user's items).</summary>
    public void Score(int user, ReadOnlySpan<int> candidates, Span<double> scores)
    {
        foreach (var item in _history[user])
        {
            var neighbours = _neighbourItems[item];
            var similarities = _neighbourSimilarities[item];
            for (var n = 0; n < neighbours.Length; n++)
            {
                _scoreByItem[neighbours[n]] += similarities[n];
            }
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            scores[i] = _scoreByItem[candidates[i]];
        }

        Array.Clear(_scoreByItem);
    }
}
