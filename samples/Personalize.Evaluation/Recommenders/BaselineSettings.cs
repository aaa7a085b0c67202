using System.Globalization;

namespace Personalize.Evaluation.Recommenders;

/// <summary>The hyperparameters of the tuned baselines on one data set.</summary>
/// <param name="HalfLifeDays">Time-decayed popularity's half-life, in days.</param>
/// <param name="Neighbours">Item-kNN's neighbours per item (k).</param>
/// <param name="EaseLambda">EASE's L2 penalty λ.</param>
/// <param name="Rp3Alpha">RP3beta's exponent of the transition probabilities (α).</param>
/// <param name="Rp3Beta">RP3beta's popularity penalty (β).</param>
/// <param name="Rp3Neighbours">The weights each item keeps in RP3beta (top k), or null for all of them.</param>
internal sealed record BaselineSettings(double HalfLifeDays, int Neighbours, double EaseLambda, double Rp3Alpha, double Rp3Beta, int? Rp3Neighbours = null)
{
    /// <summary>Whether <see cref="Neighbours"/> was set on the command line (<c>--neighbours</c>), not chosen on validation.</summary>
    public bool NeighboursGiven { get; init; }

    /// <summary>The settings in words, for reports.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"decayed-popularity half-life {HalfLifeDays} d; item-knn k = {Neighbours}{(NeighboursGiven ? " (from --neighbours)" : null)}; ease λ = {EaseLambda}; rp3beta α = {Rp3Alpha}, β = {Rp3Beta}, {(Rp3Neighbours is { } k ? $"top {k} neighbours" : "every neighbour")}");
}
