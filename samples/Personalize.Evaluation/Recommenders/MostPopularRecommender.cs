using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>The same list for everyone: items by how many training users interacted with them.</summary>
internal sealed class MostPopularRecommender : IRecommender
{
    private double[] _scores = [];

    /// <inheritdoc />
    public string Name => "most-popular";

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _scores = [.. train.ItemCounts.Select(count => (double)count)];
    }

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        var scores = new double[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            scores[i] = _scores[candidates[i]];
        }

        return TopN.Select(candidates, scores, destination);
    }
}
