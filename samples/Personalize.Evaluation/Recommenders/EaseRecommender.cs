using Personalize.Evaluation.LinearAlgebra;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-to-item
/// weights B that best rebuild the binary user-item matrix X from itself with a zero diagonal and
/// an L2 penalty λ, in closed form: P = (XᵀX + λI)⁻¹, B = I − P·diag(1 / diag(P)), that is
/// B[i][j] = −P[i][j] / P[j][j] off the diagonal and 0 on it. A candidate's score is the sum of its
/// column over the user's items.
/// </summary>
/// <remarks>
/// The inverse is dense: memory grows with the square of the items and time with the cube, so the
/// model covers at most <see cref="DefaultMaxItems"/> items, the most frequent ones (see
/// <see cref="FrequentItems"/>). Both data sets here fit whole (3,135 and 1,042 training items).
/// </remarks>
internal sealed class EaseRecommender : IRecommender
{
    /// <summary>The most items the model covers: a 4,000² inverse takes a few seconds and 128 MB.</summary>
    public const int DefaultMaxItems = 4_000;

    private readonly int _maxItems;
    private readonly ItemGram? _gram;
    private ItemToItemWeights? _weights;

    /// <summary>Creates the model.</summary>
    /// <param name="lambda">The L2 penalty λ (&gt; 0).</param>
    /// <param name="maxItems">The most items covered.</param>
    /// <param name="gram">XᵀX of the training set the model will be fitted on, when already computed (tuning shares it across λ).</param>
    public EaseRecommender(double lambda, int maxItems = DefaultMaxItems, ItemGram? gram = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        if (gram is not null && gram.UserDegreeExponent != 0)
        {
            throw new ArgumentException("EASE needs the unweighted Gram matrix XᵀX.", nameof(gram));
        }

        Lambda = lambda;
        _maxItems = maxItems;
        _gram = gram;
    }

    /// <summary>The L2 penalty.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public string Name => "ease";

    /// <summary>The fitted weights.</summary>
    public ItemToItemWeights Weights => _weights ?? throw new InvalidOperationException("Fit first.");

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var gram = _gram ?? ItemGram.Compute(train, FrequentItems.Top(train, _maxItems));
        if (gram.Items.CatalogueSize != train.ItemKeys.Count)
        {
            throw new ArgumentException("The Gram matrix was computed on another training set.", nameof(train));
        }

        var n = gram.Size;
        var p = (double[])gram.Values.Clone();
        for (var i = 0; i < n; i++)
        {
            p[(i * n) + i] += Lambda;
        }

        CholeskyInverse.InvertInPlace(p, n);
        var b = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                b[(i * n) + j] = i == j ? 0f : (float)(-p[(i * n) + j] / p[(j * n) + j]);
            }
        }

        _weights = new ItemToItemWeights(gram.Items, b, train);
    }

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination) =>
        Weights.Recommend(user, candidates, destination);
}
