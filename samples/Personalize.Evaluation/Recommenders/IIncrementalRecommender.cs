using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Recommenders;

/// <summary>A recommender that learns from each new interaction as it happens.</summary>
internal interface IIncrementalRecommender : IRecommender
{
    /// <summary>Learns from one more interaction, after <see cref="IRecommender.Fit"/>.</summary>
    void Observe(in IndexedEvent interaction);
}
