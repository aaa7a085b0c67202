namespace Personalize.Storefront.Recommendations;

/// <summary>The decisions made while serving one request, for the debug panel and the holdout notice.</summary>
internal sealed class DecisionLog
{
    private readonly List<RecommendationSet> _sets = [];

    public IReadOnlyList<RecommendationSet> Sets => _sets;

    public void Add(RecommendationSet set) => _sets.Add(set);
}
