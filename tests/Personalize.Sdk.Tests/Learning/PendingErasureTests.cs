using System.Reflection;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>Erasure takes a waiting decision's contents out of the ring, not only its key.</summary>
public sealed class PendingErasureTests
{
    [Fact]
    public void Forgetting_a_person_leaves_none_of_their_waiting_decisions_values_in_the_ring()
    {
        var ring = new PendingDecisions(capacity: 8, pool: 4, signals: 2);
        var erased = Guid.CreateVersion7();
        var kept = Guid.CreateVersion7();
        ring.Add(
            new PendingChoice
            {
                Placement = 3,
                Policy = ServingPolicy.Learned,
                Version = 7_771,
                Confidence = 0.3141f,
                MaxPerCategory = 7_772,
                Items = [4_241, 4_242],
                Categories = [5_151, 5_152],
                DefaultScores = [0.7071f, 0.1414f],
                Signals = [0.123f, 0.456f, 0.789f, 0.321f],
                Chosen = [0, 1],
                Probabilities = [0.777, 0.778],
                Beyond = [],
                Computed = [true, true],
            },
            erased,
            sequence: 1,
            ticks: 1_000,
            "bob",
            CatalogSnapshot.Empty);
        Assert.True(ring.Reward(erased, 1, itemKey: null, reward: 0.4321, nowTicks: 1_000, waitTicks: 10));
        Add(ring, kept, sequence: 2, "cy", items: [7, 8], signals: [0.5f, 0.25f, 0.125f, 0.0625f], probability: 0.5);

        Assert.Equal(1, ring.Forget("bob"));

        object[] erasedValues = [erased, 7_771, 0.3141f, 7_772, 4_241, 4_242, 5_151, 5_152, 0.7071f, 0.1414f, 0.123f, 0.456f, 0.789f, 0.321f, 0.777, 0.778, 0.4321];
        var held = Arrays(ring).SelectMany(values => values).ToHashSet();
        Assert.Equal(string.Empty, string.Join(",", erasedValues.Where(held.Contains)));
        Assert.Contains(kept, held);
        Assert.Contains(0.0625f, held);
        Assert.Equal([kept], ring.TakeDue(long.MaxValue, defaultReward: 0).Select(decision => decision.Id));
    }

    private static void Add(PendingDecisions ring, Guid id, long sequence, string unit, int[] items, float[] signals, double probability) =>
        ring.Add(
            new PendingChoice
            {
                Placement = 0,
                Policy = ServingPolicy.Default,
                Version = 0,
                Confidence = 0.5f,
                MaxPerCategory = 0,
                Items = items,
                Categories = new int[items.Length],
                DefaultScores = new float[items.Length],
                Signals = signals,
                Chosen = [0, 1],
                Probabilities = [probability, probability],
                Beyond = [],
                Computed = [true, true],
            },
            id,
            sequence,
            ticks: 1_000,
            unit,
            CatalogSnapshot.Empty);

    /// <summary>Every array the ring holds, as boxed values: a scan that does not depend on the fields' names.</summary>
    private static List<object?[]> Arrays(PendingDecisions ring) =>
        [.. typeof(PendingDecisions).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(field => field.GetValue(ring))
            .OfType<Array>()
            .Select(array => array.Cast<object?>().ToArray())];
}
