using Personalize.Sdk.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>LearningOptions.ExplorationSeed: reproducible exploration for simulations and tests.</summary>
public sealed class SeededDrawsTests
{
    [Fact]
    public void The_same_seed_draws_the_same_sequence_and_another_seed_another()
    {
        double[] Draw(int seed)
        {
            var draws = new SeededDraws(seed);
            return [.. Enumerable.Range(0, 100).Select(_ => draws.NextDouble())];
        }

        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
        Assert.All(Draw(7), value => Assert.InRange(value, 0, 1 - 1e-17));
    }

    [Fact]
    public void Draws_are_uniform_enough_to_explore_with()
    {
        var draws = new SeededDraws(42);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[draws.Next(10)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9_500, 10_500));
    }

    [Fact]
    public void Two_personalizers_with_the_same_seed_explore_the_same_slates()
    {
        string[][] Slates()
        {
            using var sdk = new TestSdk(options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.ExplorationRate = 0.5;
                options.Learning.ExplorationSeed = 3;
            });
            sdk.View("ann", "books-1");
            return [.. Enumerable.Range(0, 20).Select(_ => sdk.TopKeys("ann", 4))];
        }

        var first = Slates();
        Assert.Equal(first, Slates());
        Assert.True(first.Distinct(StringArrays.Comparer).Count() > 1);
    }

    private sealed class StringArrays : IEqualityComparer<string[]>
    {
        public static readonly StringArrays Comparer = new();

        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(string[] obj) => string.Join(',', obj).GetHashCode(StringComparison.Ordinal);
    }
}
