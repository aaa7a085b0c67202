using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.Tests.Metrics;

public sealed class RankingMetricsTests
{
    private const int A = 0, B = 1, C = 2, D = 3, E = 4;

    [Fact]
    public void Ndcg_of_two_hits_at_ranks_2_and_4()
    {
        // Ranked A, B, C, D; relevant {B, D}.
        // DCG  = 1/log2(2+1) + 1/log2(4+1) = 0.630930 + 0.430677 = 1.061606
        // IDCG = 1/log2(1+1) + 1/log2(2+1) = 1 + 0.630930        = 1.630930
        // nDCG = 1.061606 / 1.630930 = 0.650921
        var ndcg = RankingMetrics.NdcgAt(10, [A, B, C, D], new HashSet<int> { B, D });

        Assert.Equal(0.650921, ndcg, 6);
    }

    [Fact]
    public void Ndcg_ideal_uses_min_of_relevant_and_k_positions()
    {
        // k = 2; ranked E, A; relevant {A, B, C} (3 > k).
        // DCG  = 1/log2(3) = 0.630930 (A at rank 2)
        // IDCG over min(3, 2) = 2 positions = 1 + 0.630930 = 1.630930
        // nDCG = 0.386853. (Over 3 positions IDCG would be 2.130930 and nDCG 0.296082.)
        var ndcg = RankingMetrics.NdcgAt(2, [E, A, B], new HashSet<int> { A, B, C });

        Assert.Equal(0.386853, ndcg, 6);
    }

    [Fact]
    public void Ndcg_is_1_for_a_perfect_list_and_0_without_hits()
    {
        Assert.Equal(1, RankingMetrics.NdcgAt(10, [B, A, C], new HashSet<int> { A, B }), 12);
        Assert.Equal(0, RankingMetrics.NdcgAt(10, [C, D], new HashSet<int> { A, B }));
        Assert.Equal(0, RankingMetrics.NdcgAt(10, [C, D], new HashSet<int>()));
    }

    [Fact]
    public void Hit_rate_counts_only_the_top_k()
    {
        // Relevant D is at rank 4: a hit at k = 4, not at k = 3.
        int[] ranked = [A, B, C, D];
        var relevant = new HashSet<int> { D };

        Assert.Equal(0, RankingMetrics.HitRateAt(3, ranked, relevant));
        Assert.Equal(1, RankingMetrics.HitRateAt(4, ranked, relevant));
    }

    [Fact]
    public void Recall_is_hits_in_the_top_k_over_all_relevant()
    {
        // Relevant {A, C, D, E}; top 2 = A, B has 1 hit: 1/4 = 0.25; top 4 = A, B, C, D has 3: 3/4 = 0.75.
        int[] ranked = [A, B, C, D];
        var relevant = new HashSet<int> { A, C, D, E };

        Assert.Equal(0.25, RankingMetrics.RecallAt(2, ranked, relevant));
        Assert.Equal(0.75, RankingMetrics.RecallAt(4, ranked, relevant));
    }

    [Fact]
    public void A_list_shorter_than_k_counts_what_it_has()
    {
        // One item, relevant: DCG = 1, IDCG over min(2, 10) = 1.630930, nDCG = 0.613147; recall 1/2.
        var relevant = new HashSet<int> { A, B };

        Assert.Equal(0.613147, RankingMetrics.NdcgAt(10, [A], relevant), 6);
        Assert.Equal(0.5, RankingMetrics.RecallAt(10, [A], relevant));
    }
}
