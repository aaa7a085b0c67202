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

    [Fact]
    public void A_user_written_provider_re_implements_the_trending_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.Trending));
        using var custom = new TestSdk(TestSdk.Only("public-trending"), builder => builder.AddSignal(new PublicTrending(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "books-1", "books-1", "kitchen-2", "garden-3");
            sdk.Time.Advance(TimeSpan.FromDays(2));
            sdk.View("b", "kitchen-2", "hiking-4");
        }

        var expected = builtIn.Rank("someone", 16).Items;
        var actual = custom.Rank("someone", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.True(expected.Select(item => item.Score).Where(score => score is > 0 and < 1).Distinct().Count() >= 2);
    }

    [Fact]
    public void A_user_written_provider_re_implements_the_category_affinity_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryAffinity));
        using var custom = new TestSdk(TestSdk.Only("public-category-affinity"), builder => builder.AddSignal(new PublicCategoryAffinity(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "books-2", "kitchen-2", "garden-3");
            sdk.Time.Advance(TimeSpan.FromDays(3));
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("a", "kitchen-1"));
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss("a", "hiking-4"));
            sdk.Personalizer.Track(PersonalizationEvent.Rating("a", "hiking-2", 0.1f));
            sdk.Time.Advance(TimeSpan.FromDays(1));
        }

        var expected = builtIn.Rank("a", 16).Items;
        var actual = custom.Rank("a", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.True(expected.Select(item => item.Score).Where(score => score is > 0 and < 1).Distinct().Count() >= 2);
        Assert.Contains(expected, item => item.Score == 0);
    }

    [Fact]
    public void A_user_written_provider_re_implements_the_co_occurrence_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.CoOccurrence));
        using var custom = new TestSdk(TestSdk.Only("public-co-occurrence"), builder => builder.AddSignal(new PublicCoOccurrence(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "kitchen-2", "garden-3", "books-1", "hiking-4");
            sdk.Time.Advance(TimeSpan.FromDays(2));
            sdk.View("b", "kitchen-2", "hiking-4", "books-3", "garden-1");
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("b", "garden-2"));
            sdk.Time.Advance(TimeSpan.FromDays(1));
            sdk.View("c", "hiking-1", "hiking-2", "hiking-3", "kitchen-1", "kitchen-3", "garden-3", "books-4");
            sdk.View("me", "hiking-1", "books-1", "kitchen-2", "garden-3", "hiking-4", "books-3", "kitchen-1");
        }

        var expected = builtIn.Rank("me", 16).Items;
        var actual = custom.Rank("me", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.Contains(expected, item => item.Score == 1);
        Assert.True(expected.Select(item => item.Score).Where(score => score is > 0 and < 1).Distinct().Count() >= 2);
    }

    [Fact]
    public void A_user_written_provider_re_implements_the_attribute_affinity_signal_exactly_from_the_public_view()
    {
        string[] colours = ["red", "blue", "green"];
        var catalog = TestCatalog.Items.Select((item, n) => new CatalogItem
        {
            Key = item.Key,
            Category = item.Category,
            Title = item.Title,
            Attributes = new Dictionary<string, string>(item.Attributes!) { ["colour"] = colours[n % 3] },
        }).ToList();
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.AttributeAffinity), catalog: catalog);
        using var custom = new TestSdk(TestSdk.Only("public-attribute-affinity"), builder => builder.AddSignal(new PublicAttributeAffinity(), 1f, 1f), catalog);
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "books-2", "kitchen-3", "garden-3", "hiking-1");
            sdk.Time.Advance(TimeSpan.FromDays(3));
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("a", "kitchen-2"));
            sdk.Personalizer.Track(PersonalizationEvent.Dismiss("a", "hiking-4"));
            sdk.Personalizer.Track(PersonalizationEvent.Rating("a", "garden-1", 0.1f));
            sdk.Time.Advance(TimeSpan.FromDays(1));
        }

        var expected = builtIn.Rank("a", 16).Items;
        var actual = custom.Rank("a", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.True(expected.Select(item => item.Score).Where(score => score is > 0 and < 1).Distinct().Count() >= 2);
    }

    [Fact]
    public void A_user_written_provider_re_implements_the_stated_preference_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.StatedPreference));
        using var custom = new TestSdk(TestSdk.Only("public-stated-preference"), builder => builder.AddSignal(new PublicStatedPreference(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "garden-2");
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("a", "kitchen", likes: true));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("a", "books", likes: true));
            sdk.Time.Advance(TimeSpan.FromHours(1));
            sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("a", "books", likes: false));
            sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("a", "brand", "Acme", likes: true));
        }

        var expected = builtIn.Rank("a", 16).Items;
        var actual = custom.Rank("a", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.Contains(expected, item => item.Score == 1 && item.ItemKey.StartsWith("kitchen-", StringComparison.Ordinal));
        Assert.Contains(expected, item => item.Score == 1 && item.ItemKey == "hiking-1");
        Assert.Contains(expected, item => item.Score == 0);
    }

    [Fact]
    public void A_user_written_provider_re_implements_the_category_popularity_signal_exactly_from_the_public_view()
    {
        using var builtIn = new TestSdk(TestSdk.Only(BuiltInSignals.CategoryPopularity));
        using var custom = new TestSdk(TestSdk.Only("public-category-popularity"), builder => builder.AddSignal(new PublicCategoryPopularity(), 1f, 1f));
        foreach (var sdk in new[] { builtIn, custom })
        {
            sdk.View("a", "books-1", "books-1", "books-2", "kitchen-2", "garden-3", "garden-1");
            sdk.Time.Advance(TimeSpan.FromDays(3));
            sdk.View("b", "kitchen-2", "kitchen-3", "hiking-4", "books-3", "garden-3");
            sdk.Personalizer.Track(PersonalizationEvent.Purchase("b", "books-2"));
            sdk.Time.Advance(TimeSpan.FromDays(1));
            sdk.View("c", "hiking-4", "hiking-1", "books-4");
        }

        var expected = builtIn.Rank("someone", 16).Items;
        var actual = custom.Rank("someone", 16).Items;

        Assert.Equal(expected.Select(item => (item.ItemKey, item.Score)), actual.Select(item => (item.ItemKey, item.Score)));
        Assert.True(expected.Count(item => item.Score == 1) >= 4);
        Assert.True(expected.Select(item => item.Score).Where(score => score is > 0 and < 1).Distinct().Count() >= 2);
    }

    /// <summary>The built-in popularity signal, written against the public API only.</summary>
    private sealed class PublicPopularity : ISignalProvider
    {
        public string Name => "public-popularity";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) =>
            ShareOfTheMost(context.ItemPopularity, candidates, column);
    }

    /// <summary>The built-in trending signal, written against the public API only.</summary>
    private sealed class PublicTrending : ISignalProvider
    {
        public string Name => "public-trending";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column) =>
            ShareOfTheMost(context.ItemRecentPopularity, candidates, column);
    }

    /// <summary>Each candidate's value as a share of the largest among the candidates, as both popularity signals scale.</summary>
    private static void ShareOfTheMost(ReadOnlySpan<double> values, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var max = 0d;
        foreach (var index in candidates)
        {
            max = index < values.Length ? Math.Max(max, values[index]) : max;
        }

        for (var i = 0; i < candidates.Length && max > 0; i++)
        {
            column[i] = candidates[i] < values.Length ? (float)(values[candidates[i]] * (1 / max)) : 0f;
        }
    }

    /// <summary>The built-in category-affinity signal, written against the public API only.</summary>
    private sealed class PublicCategoryAffinity : ISignalProvider
    {
        public string Name => "public-category-affinity";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            var total = profile.TotalCategoryAffinity;
            for (var i = 0; i < candidates.Length && total > 0; i++)
            {
                var affinity = profile.GetItemCategoryAffinity(candidates[i]);
                column[i] = affinity > 0 ? (float)(affinity / total) : 0f;
            }
        }
    }

    /// <summary>The built-in co-occurrence signal, written against the public API only (per candidate, so without a scratch table).</summary>
    private sealed class PublicCoOccurrence : ISignalProvider
    {
        public string Name => "public-co-occurrence";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var recent = context.Profile.RecentItems;
            var count = Math.Min(recent.Length, DecisionContext.LinkedRecentItems);
            var max = 0d;
            for (var age = 0; age < count; age++)
            {
                foreach (var weight in context.GetNextStepNeighbours(recent[recent.Length - 1 - age]).Weights)
                {
                    max = Math.Max(max, weight);
                }
            }

            if (max <= 0)
            {
                return;
            }

            var best = 0f;
            for (var i = 0; i < candidates.Length; i++)
            {
                var score = 0f;
                for (var age = 0; age < count; age++)
                {
                    var neighbours = context.GetNextStepNeighbours(recent[recent.Length - 1 - age]);
                    for (var slot = 0; slot < neighbours.Items.Length; slot++)
                    {
                        if (neighbours.Items[slot] == candidates[i])
                        {
                            score += (float)(neighbours.Weights[slot] * (1 / (max * (age + 1))));
                        }
                    }
                }

                column[i] = score;
                best = Math.Max(best, score);
            }

            for (var i = 0; i < candidates.Length && best > 0f; i++)
            {
                column[i] /= best;
            }
        }
    }

    /// <summary>The built-in attribute-affinity signal, written against the public API only.</summary>
    private sealed class PublicAttributeAffinity : ISignalProvider
    {
        public string Name => "public-attribute-affinity";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            var total = profile.TotalAttributeAffinity;
            for (var i = 0; i < candidates.Length && total > 0; i++)
            {
                var affinity = profile.GetItemAttributeAffinity(candidates[i]);
                column[i] = affinity > 0 ? (float)(affinity / total) : 0f;
            }
        }
    }

    /// <summary>The built-in stated-preference signal, written against the public API only.</summary>
    private sealed class PublicStatedPreference : ISignalProvider
    {
        public string Name => "public-stated-preference";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            for (var i = 0; i < candidates.Length; i++)
            {
                column[i] = profile.IsStatedLike(candidates[i]) ? 1f : 0f;
            }
        }
    }

    /// <summary>The built-in category-popularity signal, written against the public API only.</summary>
    private sealed class PublicCategoryPopularity : ISignalProvider
    {
        public string Name => "public-category-popularity";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var popularity = context.ItemPopularity;
            var max = 0d;
            foreach (var index in candidates)
            {
                max = index < popularity.Length ? Math.Max(max, popularity[index]) : max;
            }

            if (max <= 0)
            {
                return;
            }

            var scale = 1 / max;
            Span<float> best = stackalloc float[context.CategoryCount];
            foreach (var index in candidates)
            {
                var category = context.GetCategoryIndex(index);
                if (category >= 0 && index < popularity.Length)
                {
                    best[category] = Math.Max(best[category], (float)(popularity[index] * scale));
                }
            }

            for (var i = 0; i < candidates.Length; i++)
            {
                var category = context.GetCategoryIndex(candidates[i]);
                if (category >= 0 && best[category] > 0f && candidates[i] < popularity.Length)
                {
                    column[i] = (float)(popularity[candidates[i]] * scale) / best[category];
                }
            }
        }
    }
}
