using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// A learning placement's exploration keeps the diversity cap, as its greedy choice does: with a cap
/// of 1 and two categories in the pool, no list of two is a single category, however much is
/// explored; the logged probabilities count only the items under the cap, and the evaluation weighs
/// with those same numbers.
/// </summary>
public sealed class ExplorationCategoryCapTests
{
    private const double Epsilon = 0.5;

    [Fact]
    public void Exploring_never_fills_a_list_with_one_category_while_another_is_in_the_pool()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = Sdk(sink);
        sdk.View("ann", "hiking-1");

        for (var i = 0; i < 400; i++)
        {
            var decision = sdk.Rank("ann", 2);
            Assert.Equal(DecisionVariant.Personalized, decision.Variant);
            Assert.Equal(2, decision.Items.Select(item => CategoryOf(item.ItemKey)).Distinct().Count());
        }
    }

    [Fact]
    public void Logged_probabilities_count_the_items_under_the_cap_and_the_evaluation_weighs_with_them()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = Sdk(sink);
        sdk.View("ann", "hiking-1");
        for (var i = 0; i < 100; i++)
        {
            var decision = sdk.Rank("ann", 2);
            foreach (var item in decision.Items)
            {
                Assert.True(sdk.Personalizer.Reward(decision.Id, item.ItemKey, 1.0));
            }
        }

        RewardTests.Settle(sdk);
        Assert.Equal(100, sink.Records.Count);

        // The random policy's weight of a decision's first slot (what the evaluation reads), from what the log alone
        // says: 1 over the items an exploring draw could take, over the logged probability.
        double randomWeights = 0;
        var explored = 0;
        foreach (var record in sink.Records)
        {
            Assert.Equal(8, record.Candidates.Count);
            Assert.Equal(1, record.MaxPerCategory);
            for (var slot = 0; slot < record.Slots.Count; slot++)
            {
                var before = record.Slots.Take(slot).Select(s => s.Candidate).ToArray();
                var drawable = Drawable(record, before);
                var p = record.Slots[slot].Probability;
                Assert.True(p == 1 - Epsilon + (Epsilon / drawable) || p == Epsilon / drawable, $"slot {slot}: {p:R} with {drawable} under the cap");
                explored += p == Epsilon / drawable ? 1 : 0;
                randomWeights += slot == 0 ? 1.0 / drawable / p : 0;
            }
        }

        // Both slots drew from 4 items (the second from the other category), not from the 7 left in the second slot.
        Assert.True(explored > 20, $"{explored} explored slots");

        // The configured weights served: their probabilities are the logged ones, each weight exactly 1.
        var evaluation = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(PersonalizationRequest.DefaultPlacement);
        Assert.Equal(200, evaluation.Rounds);
        Assert.Equal(1.0, evaluation["default"].InversePropensity.Value);
        Assert.Equal(100.0, evaluation["default"].InversePropensity.EffectiveSampleSize);

        // Every reward is 1, so IPS is the mean weight: the random policy draws under the cap too.
        Assert.Equal(randomWeights / 100, evaluation["random"].InversePropensity.Value, 12);
    }

    /// <summary>Two categories of four items, a cap of 1, half the slots explored; frequency cap off so every decision has all eight.</summary>
    private static TestSdk Sdk(RewardTests.RecordingSink sink) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = Epsilon;
            options.Learning.ExplorationSeed = 17;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            options.MaxPerCategory = 1;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        },
        builder => builder.AddLearningLogSink(sink),
        [.. TestCatalog.Items.Where(item => item.Category is "hiking" or "kitchen")]);

    private static string CategoryOf(string itemKey) => itemKey[..itemKey.IndexOf('-', StringComparison.Ordinal)];

    /// <summary>How many candidates not in <paramref name="before"/> are under the cap, or how many are left when none is.</summary>
    private static int Drawable(LearningRecord record, int[] before)
    {
        var left = Enumerable.Range(0, record.Candidates.Count).Where(j => !before.Contains(j)).ToArray();
        var underCap = left.Count(j => before.Count(b => record.Candidates[b].Category == record.Candidates[j].Category) < record.MaxPerCategory);
        return underCap > 0 ? underCap : left.Length;
    }
}
