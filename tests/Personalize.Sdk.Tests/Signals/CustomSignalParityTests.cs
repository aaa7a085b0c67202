using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Signals;

public sealed class CustomSignalParityTests
{
    [Fact]
    public void A_user_written_provider_re_implements_the_popularity_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        using var custom = new TestSdk(TestSdk.Only("public-popularity"), builder => builder.AddSignal(new PublicPopularity(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "books-1", "kitchen-2", "garden-3");
            sdk.Time.Advance(TimeSpan.FromDays(3));
            sdk.View("b", "kitchen-2", "hiking-4");
        }

        var expected = builtIn.Rank("someone", 16).Items;
        var actual = custom.Rank("someone", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.Contains(expected, item => item.Score is > 0 and < 1);
    }

    /// <summary>The built-in popularity signal, written against the public API only.</summary>
    private sealed class PublicPopularity : ISignalProvider
    {
        public string Name => "public-popularity";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var popularity = context.ItemPopularity;
            var max = 0d;
            foreach (var index in candidates)
            {
                max = index < popularity.Length ? Math.Max(max, popularity[index]) : max;
            }

            for (var i = 0; i < candidates.Length && max > 0; i++)
            {
                column[i] = candidates[i] < popularity.Length ? (float)(popularity[candidates[i]] * (1 / max)) : 0f;
            }
        }
    }
}
