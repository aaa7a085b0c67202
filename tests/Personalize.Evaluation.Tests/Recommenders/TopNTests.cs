using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Tests.Recommenders;

public sealed class TopNTests
{
    [Fact]
    public void Picks_the_best_scores_best_first_and_ties_go_to_the_earlier_candidate()
    {
        int[] candidates = [10, 11, 12, 13, 14, 15];
        double[] scores = [1, 3, 2, 3, 0, 2];
        var top = new int[4];

        var written = TopN.Select(candidates, scores, top);

        Assert.Equal(4, written);
        Assert.Equal([11, 13, 12, 15], top);
    }

    [Fact]
    public void Writes_at_most_the_candidates()
    {
        var top = new int[5];

        Assert.Equal(2, TopN.Select([7, 8], [0, 1], top));
        Assert.Equal([8, 7], top[..2]);
    }

    [Theory, AutoFixture.Xunit2.AutoData]
    public void Agrees_with_a_stable_sort(double[] scores)
    {
        int[] candidates = [.. Enumerable.Range(0, scores.Length)];
        var top = new int[Math.Min(3, scores.Length)];

        TopN.Select(candidates, scores, top);

        Assert.Equal(candidates.OrderByDescending(i => scores[i]).Take(top.Length), top);
    }
}
