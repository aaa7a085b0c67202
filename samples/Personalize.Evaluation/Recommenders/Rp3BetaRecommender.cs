using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// RP3beta (Paudel et al., "Updatable, Accurate, Diverse, and Scalable Recommendations for
/// Interactive Applications", ACM TiiS 2017; as in Ferrari Dacrema et al.'s reference code): a
/// three-step random walk user → item → user → item on the binary training matrix, with every
/// transition probability raised to α and the end item's probability divided by its popularity
/// to the power β.
/// P_iu[i][u] = 1 / |users of i|, P_ui[u][j] = 1 / |items of u|, and
/// W[i][j] = (P_iu^α · P_ui^α)[i][j] / |users of j|^β
///         = |users of i|^(−α) · Σ over users u of both i and j of |items of u|^(−α) · |users of j|^(−β).
/// A candidate's score is the sum of its column over the user's items (the walk's first step from
/// the user, raised to α, is the same for all of them and does not change the order).
/// </summary>
/// <remarks>
/// W is kept dense over at most <see cref="EaseRecommender.DefaultMaxItems"/> items. With
/// <c>neighbours</c> set, each row keeps only its k largest weights (ties: the lower item), the
/// reference code's top-k sparsification; otherwise every item keeps every neighbour.
/// </remarks>
internal sealed class Rp3BetaRecommender : IRecommender
{
    private readonly int _maxItems;
    private readonly ItemGram? _walk;
    private ItemToItemWeights? _weights;

    /// <summary>Creates the model.</summary>
    /// <param name="alpha">The exponent of every transition probability (≥ 0).</param>
    /// <param name="beta">The popularity penalty's exponent (≥ 0).</param>
    /// <param name="neighbours">The weights each item keeps (its k largest), or null to keep them all.</param>
    /// <param name="maxItems">The most items covered.</param>
    /// <param name="walk">The Gram matrix with each user weighted by |items of u|^(−α), when already computed (tuning shares it across β and k).</param>
    public Rp3BetaRecommender(double alpha, double beta, int? neighbours = null, int maxItems = EaseRecommender.DefaultMaxItems, ItemGram? walk = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        ArgumentOutOfRangeException.ThrowIfNegative(beta);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        if (neighbours is { } k)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k, nameof(neighbours));
        }

        Neighbours = neighbours;
        if (walk is not null && walk.UserDegreeExponent != alpha)
        {
            throw new ArgumentException($"The walk matrix weighs users with exponent {walk.UserDegreeExponent}, not α = {alpha}.", nameof(walk));
        }

        Alpha = alpha;
        Beta = beta;
        _maxItems = maxItems;
        _walk = walk;
    }

    /// <summary>The exponent of the transition probabilities.</summary>
    public double Alpha { get; }

    /// <summary>The popularity penalty's exponent.</summary>
    public double Beta { get; }

    /// <summary>The weights each item keeps, or null for all of them.</summary>
    public int? Neighbours { get; }

    /// <inheritdoc />
    public string Name => "rp3beta";

    /// <summary>The fitted weights.</summary>
    public ItemToItemWeights Weights => _weights ?? throw new InvalidOperationException("Fit first.");

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var walk = _walk ?? ItemGram.Compute(train, FrequentItems.Top(train, _maxItems), Alpha);
        if (walk.Items.CatalogueSize != train.ItemKeys.Count)
        {
            throw new ArgumentException("The walk matrix was computed on another training set.", nameof(train));
        }

        var n = walk.Size;
        var from = new double[n];
        var to = new double[n];
        for (var m = 0; m < n; m++)
        {
            double users = train.ItemCounts[walk.Items.ItemAt(m)];
            from[m] = Math.Pow(users, -Alpha);
            to[m] = Math.Pow(users, -Beta);
        }

        var w = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            var row = w.AsSpan(i * n, n);
            for (var j = 0; j < n; j++)
            {
                row[j] = i == j ? 0f : (float)(from[i] * walk.Values[(i * n) + j] * to[j]);
            }

            if (Neighbours is { } k)
            {
                KeepLargest(row, k);
            }
        }

        _weights = new ItemToItemWeights(walk.Items, w, train);
    }

    /// <summary>Zeroes every weight of <paramref name="row"/> but its <paramref name="k"/> largest (ties: the lower index).</summary>
    private static void KeepLargest(Span<float> row, int k)
    {
        if (k >= row.Length)
        {
            return;
        }

        // A min-heap of the k best so far; its root is the worst of them (smallest, then highest index).
        var best = new PriorityQueue<int, (float Weight, int Index)>(k + 1, WorstFirst.Instance);
        for (var j = 0; j < row.Length; j++)
        {
            if (best.Count < k)
            {
                best.Enqueue(j, (row[j], j));
            }
            else if (best.TryPeek(out _, out var worst) && (row[j] > worst.Weight || (row[j] == worst.Weight && j < worst.Index)))
            {
                best.EnqueueDequeue(j, (row[j], j));
            }
        }

        var keep = new bool[row.Length];
        while (best.TryDequeue(out var j, out _))
        {
            keep[j] = true;
        }

        for (var j = 0; j < row.Length; j++)
        {
            if (!keep[j])
            {
                row[j] = 0f;
            }
        }
    }

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination) =>
        Weights.Recommend(user, candidates, destination);

    /// <summary>Orders kept weights worst first: the smaller weight, then the higher index.</summary>
    private sealed class WorstFirst : IComparer<(float Weight, int Index)>
    {
        public static WorstFirst Instance { get; } = new();

        public int Compare((float Weight, int Index) x, (float Weight, int Index) y) =>
            x.Weight != y.Weight ? x.Weight.CompareTo(y.Weight) : y.Index.CompareTo(x.Index);
    }
}
