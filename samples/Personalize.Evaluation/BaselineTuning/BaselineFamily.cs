using System.Globalization;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.BaselineTuning;

/// <summary>
/// A tuned baseline: its row name, its hyperparameters, the grid tried on validation, how to build
/// it at a point, and where its values sit in <see cref="BaselineSettings"/>.
/// </summary>
/// <param name="Name">The recommender's row name.</param>
/// <param name="Parameters">The hyperparameters' names, for reports.</param>
/// <param name="Points">The grid: one value per parameter, in ascending order.</param>
/// <param name="Refine">Points tried after the grid, around its best point (a second stage), or null.</param>
/// <param name="SharedMatrix">The user-degree exponent of the <see cref="ItemGram"/> a point needs, or null for none. Points that need the same matrix share one per window.</param>
/// <param name="Create">The recommender at a point, with its shared matrix when it needs one.</param>
/// <param name="ValuesOf">A setting's values of this family's parameters.</param>
/// <param name="With">A setting with this family's parameters at the given values.</param>
internal sealed record BaselineFamily(
    string Name,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<IReadOnlyList<double>> Points,
    Func<IReadOnlyList<double>, IReadOnlyList<IReadOnlyList<double>>>? Refine,
    Func<IReadOnlyList<double>, double?> SharedMatrix,
    Func<IReadOnlyList<double>, ItemGram?, IRecommender> Create,
    Func<BaselineSettings, IReadOnlyList<double>> ValuesOf,
    Func<BaselineSettings, IReadOnlyList<double>, BaselineSettings> With)
{
    /// <summary>Time-decayed popularity's half-lives, in days (below a day because MovieTweetings chose the first grid's smallest, 1).</summary>
    public static IReadOnlyList<double> HalfLifeDaysGrid { get; } = [0.25, 0.5, 1, 3, 7, 14, 30, 90];

    /// <summary>Item-kNN's neighbours per item (5 and 1,000 because the data sets chose the first grid's smallest, 10, and largest, 500).</summary>
    public static IReadOnlyList<double> NeighboursGrid { get; } = [5, 10, 20, 50, 100, 200, 500, 1_000];

    /// <summary>EASE's λ, in half-decade steps (to 100,000 because MovieTweetings chose the first grid's largest, 10,000).</summary>
    public static IReadOnlyList<double> EaseLambdaGrid { get; } = [1, 3, 10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000];

    /// <summary>RP3beta's α.</summary>
    public static IReadOnlyList<double> Rp3AlphaGrid { get; } = [0, 0.25, 0.5, 0.75, 1, 1.5];

    /// <summary>RP3beta's β.</summary>
    public static IReadOnlyList<double> Rp3BetaGrid { get; } = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

    /// <summary>RP3beta's top-k, tried with every β at the best α of the dense grid (∞, every neighbour, is that grid).</summary>
    public static IReadOnlyList<double> Rp3NeighboursGrid { get; } = [5, 10, 20, 50, 100, 200, 500];

    /// <summary>Time-decayed popularity.</summary>
    public static BaselineFamily DecayedPopularity { get; } = new(
        "decayed-popularity",
        ["half-life (days)"],
        [.. HalfLifeDaysGrid.Select(v => (IReadOnlyList<double>)[v])],
        null,
        _ => null,
        (v, _) => new DecayedPopularityRecommender(v[0]),
        s => [s.HalfLifeDays],
        (s, v) => s with { HalfLifeDays = v[0] });

    /// <summary>Item-kNN.</summary>
    public static BaselineFamily ItemKnn { get; } = new(
        "item-knn",
        ["k"],
        [.. NeighboursGrid.Select(v => (IReadOnlyList<double>)[v])],
        null,
        _ => null,
        (v, _) => new ItemKnnRecommender((int)v[0]),
        s => [s.Neighbours],
        (s, v) => s with { Neighbours = (int)v[0] });

    /// <summary>EASE: every λ shares one XᵀX per window.</summary>
    public static BaselineFamily Ease { get; } = new(
        "ease",
        ["λ"],
        [.. EaseLambdaGrid.Select(v => (IReadOnlyList<double>)[v])],
        null,
        _ => 0,
        (v, gram) => new EaseRecommender(v[0], gram: gram),
        s => [s.EaseLambda],
        (s, v) => s with { EaseLambda = v[0] });

    /// <summary>
    /// RP3beta: first every (α, β) with every neighbour kept; then, at the best α, every top-k with
    /// every β, because a sparser W wants a different popularity penalty (a second stage, so k does
    /// not multiply the whole grid). Each α shares one walk matrix per window.
    /// </summary>
    public static BaselineFamily Rp3Beta { get; } = new(
        "rp3beta",
        ["α", "β", "k"],
        [.. Rp3AlphaGrid.SelectMany(a => Rp3BetaGrid.Select(b => (IReadOnlyList<double>)[a, b, double.PositiveInfinity]))],
        best => [.. Rp3NeighboursGrid.SelectMany(k => Rp3BetaGrid.Select(b => (IReadOnlyList<double>)[best[0], b, k]))],
        v => v[0],
        (v, walk) => new Rp3BetaRecommender(v[0], v[1], ToNeighbours(v[2]), walk: walk),
        s => [s.Rp3Alpha, s.Rp3Beta, s.Rp3Neighbours ?? double.PositiveInfinity],
        (s, v) => s with { Rp3Alpha = v[0], Rp3Beta = v[1], Rp3Neighbours = ToNeighbours(v[2]) });

    /// <summary>Every tuned baseline, in table order.</summary>
    public static IReadOnlyList<BaselineFamily> All { get; } = [DecayedPopularity, ItemKnn, Ease, Rp3Beta];

    /// <summary>A point in words, for example <c>α 0.5, β 0.3, k all</c>.</summary>
    public string Describe(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(", ", Parameters.Select((name, i) => $"{name} {Format(values[i])}"));
    }

    /// <summary>A value in words: ∞ (every neighbour) is "all".</summary>
    public static string Format(double value) => double.IsPositiveInfinity(value) ? "all" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether a value of <paramref name="values"/> is the largest or smallest of its parameter
    /// among <paramref name="tried"/>, unless that bound is natural (0, or ∞ for "every
    /// neighbour"): the optimum may then lie outside the grid.
    /// </summary>
    public static bool IsAtGridEdge(IReadOnlyList<double> values, IReadOnlyList<IReadOnlyList<double>> tried)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(tried);
        for (var i = 0; i < values.Count; i++)
        {
            var axis = tried.Select(p => p[i]).ToArray();
            var (min, max) = (axis.Min(), axis.Max());
            if (min < max && ((values[i] == max && !double.IsPositiveInfinity(max)) || (values[i] == min && min > 0)))
            {
                return true;
            }
        }

        return false;
    }

    private static int? ToNeighbours(double value) => double.IsPositiveInfinity(value) ? null : (int)value;
}
