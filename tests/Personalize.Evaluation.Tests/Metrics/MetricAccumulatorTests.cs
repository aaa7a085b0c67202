using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.Tests.Metrics;

public sealed class MetricAccumulatorTests
{
    [Fact]
    public void Averages_over_users_and_measures_catalogue_coverage()
    {
        // Catalogue of 10 items.
        // User 1: ranked 0, 1, 2; relevant {0}: nDCG 1, HR 1, recall 1.
        // User 2: ranked 2, 3;    relevant {9}: nDCG 0, HR 0, recall 0.
        // Means: 0.5 each. nDCG sample s.d. = sqrt(((1-0.5)^2 + (0-0.5)^2) / 1) = 0.707107; s.e. = 0.707107 / sqrt(2) = 0.5.
        // Coverage@10: items {0, 1, 2, 3} = 4 of 10 = 0.4.
        var accumulator = new MetricAccumulator(10);
        accumulator.Add([0, 1, 2], new HashSet<int> { 0 });
        accumulator.Add([2, 3], new HashSet<int> { 9 });

        var summary = accumulator.Summarize();

        Assert.Equal(new MetricSummary(2, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4), summary);
    }

    [Fact]
    public void Coverage_counts_only_the_top_10_and_recall_20_the_top_20()
    {
        // One user, ranked 0..19; relevant {15}: no hit in the top 10 (nDCG, HR, Recall@10 = 0),
        // a hit in the top 20 (Recall@20 = 1/1). Coverage: items 0..9 = 10 of 40 = 0.25.
        var accumulator = new MetricAccumulator(40);
        accumulator.Add([.. Enumerable.Range(0, 20)], new HashSet<int> { 15 });

        var summary = accumulator.Summarize();

        Assert.Equal(new MetricSummary(1, 0, 0, 0, 0, 1, 0.25), summary);
    }

    [Fact]
    public void Intra_list_diversity_is_the_share_of_top_10_pairs_of_different_categories_averaged_over_users()
    {
        // Categories by item: 0 and 1 are "a", 2 is "b", 3 is uncategorised; items 10..19 are "c".
        int[] categories = [0, 0, 1, -1, 9, 9, 9, 9, 9, 9, .. Enumerable.Repeat(2, 10)];
        var accumulator = new MetricAccumulator(20, categories);

        // User 1: items 0, 1, 2, 3: categorised pairs (0,1) same, (0,2) and (1,2) different: 2/3.
        accumulator.Add([0, 1, 2, 3], new HashSet<int>());

        // User 2: ten items of "c", then item 2 at rank 11 (beyond the top 10): 0.
        accumulator.Add([.. Enumerable.Range(10, 10), 2], new HashSet<int>());

        // User 3: one categorised item only: no pair, so not counted.
        accumulator.Add([3, 0], new HashSet<int>());

        Assert.Equal(((2.0 / 3) + 0) / 2, accumulator.Summarize().DiversityAt10, 12);
        Assert.Null(MetricAccumulator.IntraListDiversity([3, 0], categories));
    }

    [Fact]
    public void An_empty_run_is_all_zero() =>
        Assert.Equal(new MetricSummary(0, 0, 0, 0, 0, 0, 0), new MetricAccumulator(3).Summarize());
}
