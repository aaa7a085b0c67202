using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// The item-by-item Gram matrix of the binary training user-item matrix X over some items, with
/// each user's row weighted: G[i][j] = Σ over users u who have both i and j of w(u), where
/// w(u) = |items of u|^(−exponent). With exponent 0 it is XᵀX, the co-occurrence counts EASE
/// needs; with exponent α it is the middle of RP3beta's item → user → item walk.
/// Dense, row-major, symmetric. Computed once per training set and shared read-only by every
/// model fitted on it (tuning fits many values of one hyperparameter on the same window).
/// </summary>
internal sealed class ItemGram
{
    private ItemGram(FrequentItems items, double userDegreeExponent, double[] values)
    {
        Items = items;
        UserDegreeExponent = userDegreeExponent;
        Values = values;
    }

    /// <summary>The items the matrix covers (rows and columns are their model indices).</summary>
    public FrequentItems Items { get; }

    /// <summary>Each user weighs |items of u|^(−this).</summary>
    public double UserDegreeExponent { get; }

    /// <summary>The matrix, row-major, <see cref="Size"/> × <see cref="Size"/>. Read-only by convention: it is shared.</summary>
    public double[] Values { get; }

    /// <summary>Rows (and columns).</summary>
    public int Size => Items.Count;

    /// <summary>Wraps values computed elsewhere (an experiment's own Gram matrix; XᵀX-like, exponent 0).</summary>
    public static ItemGram FromValues(FrequentItems items, double[] values)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(values);
        return values.Length == items.Count * items.Count
            ? new ItemGram(items, 0, values)
            : throw new ArgumentException($"Expected {items.Count} × {items.Count} values.", nameof(values));
    }

    /// <summary>Computes the matrix of <paramref name="train"/> over <paramref name="items"/>.</summary>
    /// <param name="train">The training set.</param>
    /// <param name="items">The covered items.</param>
    /// <param name="userDegreeExponent">Each user weighs |items of u|^(−exponent), counting all of the user's items.</param>
    public static ItemGram Compute(TrainingSet train, FrequentItems items, double userDegreeExponent = 0)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(items);
        var n = items.Count;
        var values = new double[n * n];
        var users = items.MapUsers(train);
        var weights = train.UserItems.Select(all => userDegreeExponent == 0 ? 1d : Math.Pow(all.Length, -userDegreeExponent)).ToArray();

        // Each stripe owns every stripes-th row, so threads never write the same cell.
        var stripes = Math.Max(1, Math.Min(Environment.ProcessorCount, n));
        Parallel.For(0, stripes, new ParallelOptions { MaxDegreeOfParallelism = stripes }, stripe =>
        {
            for (var u = 0; u < users.Length; u++)
            {
                var own = users[u];
                var w = weights[u];
                foreach (var i in own)
                {
                    if (i % stripes != stripe)
                    {
                        continue;
                    }

                    var row = i * n;
                    foreach (var j in own)
                    {
                        values[row + j] += w;
                    }
                }
            }
        });
        return new ItemGram(items, userDegreeExponent, values);
    }
}
