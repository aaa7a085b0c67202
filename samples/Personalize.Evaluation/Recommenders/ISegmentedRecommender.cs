namespace Personalize.Evaluation.Recommenders;

/// <summary>A recommender that says which of its paths served its last list (for the SDK: the decision's variant and reason).</summary>
internal interface ISegmentedRecommender
{
    /// <summary>The segment of the last <see cref="IRecommender.Recommend"/> call, for example <c>cold start (low confidence)</c>.</summary>
    string? LastSegment { get; }
}
