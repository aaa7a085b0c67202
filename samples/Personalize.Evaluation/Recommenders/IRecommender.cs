using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>A recommender under evaluation: fitted once on the training set, then asked for top-N lists.</summary>
internal interface IRecommender
{
    /// <summary>The name shown in the result table.</summary>
    string Name { get; }

    /// <summary>Learns from the training interactions (in time order).</summary>
    void Fit(TrainingSet train);

    /// <summary>
    /// Writes the best <c>destination.Length</c> candidates for <paramref name="user"/>, best first,
    /// and returns how many it wrote. Ties must go to the earlier candidate.
    /// </summary>
    /// <param name="user">The user's training index.</param>
    /// <param name="candidates">Item indices to rank, in <see cref="TrainingSet.CandidateOrder"/> order.</param>
    /// <param name="now">The decision's time.</param>
    /// <param name="destination">Receives item indices.</param>
    int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination);
}
