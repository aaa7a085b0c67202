using Personalize.Evaluation.Metrics;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Tests.Protocol;

public sealed class SegmentBreakdownTests
{
    private static RecommenderResult Row(string name, double[] ndcg, string?[]? segments = null) =>
        new(name, new MetricSummary(ndcg.Length, ndcg.Average(), 0, 0, 0, 0, 0), 0, 0, null, new UserResults(new MetricSummary(ndcg.Length, 0, 0, 0, 0, 0, 0), [.. ndcg.Select(n => new UserScore(n, 0, 0, 0))], segments));

    [Fact]
    public void Every_shown_row_is_averaged_over_the_users_of_each_of_the_sdks_decision_paths()
    {
        RecommenderResult[] results =
        [
            Row("random (seed 42)", [9, 9, 9]),
            Row("item-knn", [0.2, 0.4, 0.6]),
            Row("sdk", [0.1, 0.3, 0.8], ["personalized", "cold start (low confidence)", "personalized"]),
        ];

        var segments = SegmentBreakdown.Compute(results, SegmentBreakdown.ShownRows);

        Assert.Equal(["personalized", "cold start (low confidence)"], segments.Select(s => s.Segment));
        Assert.Equal([2, 1], segments.Select(s => s.Users));
        Assert.Equal(["item-knn", "sdk"], segments[0].Ndcg.Select(n => n.Key));
        Assert.Equal(0.4, segments[0].Ndcg[0].Value, 10);
        Assert.Equal(0.45, segments[0].Ndcg[1].Value, 10);
        Assert.Equal(0.3, segments[1].Ndcg[1].Value, 10);
    }

    [Fact]
    public void Without_an_sdk_row_there_is_no_breakdown()
    {
        Assert.Empty(SegmentBreakdown.Compute([Row("item-knn", [0.2])], SegmentBreakdown.ShownRows));
    }

    [Fact]
    public void A_paired_comparison_takes_the_standard_error_of_the_per_user_differences()
    {
        RecommenderResult[] results = [Row("most-popular", [0.1, 0.2, 0.3]), Row("item-knn", [0, 0, 0]), Row("sdk", [0.2, 0.3, 0.5])];

        var comparisons = PairedComparison.Compute(results, ["sdk", "absent"]);

        // Differences with most-popular: 0.1, 0.1, 0.2: mean 0.1333, sd 0.0577, s.e. 0.0333.
        Assert.Equal(["most-popular", "item-knn"], comparisons.Select(c => c.Baseline));
        Assert.Equal(0.13333, comparisons[0].Difference, 4);
        Assert.Equal(0.03333, comparisons[0].StandardError, 4);
        Assert.Equal(1d / 3, comparisons[1].Difference, 6);
    }
}
