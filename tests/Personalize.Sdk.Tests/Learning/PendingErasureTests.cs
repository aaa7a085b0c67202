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
        Add(ring, erased, sequence: 1, "bob", tag: 7_000);
        Assert.True(ring.Reward(erased, 1, itemKey: null, reward: 0.4321, nowTicks: 1_000, waitTicks: 10));
        Add(ring, kept, sequence: 2, "cy", tag: 3_000);

        Assert.Equal(1, ring.Forget("bob"));

        var held = typeof(PendingDecisions).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(field => field.GetValue(ring))
            .OfType<Array>()
            .SelectMany(array => array.Cast<object?>())
            .ToHashSet();
        object[] erasedValues = [erased, .. Values(7_000), 0.4321];
        Assert.Equal(string.Empty, string.Join(",", erasedValues.Where(held.Contains)));
        Assert.Equal(Values(3_000).Length, Values(3_000).Count(held.Contains));
        Assert.Equal([kept], ring.TakeDue(long.MaxValue, defaultReward: 0).Select(decision => decision.Id));
    }

    /// <summary>Logs a decision whose every field holds a value derived from <paramref name="tag"/>, found nowhere else.</summary>
    private static void Add(PendingDecisions ring, Guid id, long sequence, string unit, int tag) =>
        ring.Add(
            new PendingChoice
            {
                Placement = 3,
                Policy = ServingPolicy.Learned,
                Version = tag + 1,
                Confidence = tag / 10_000f,
                MaxPerCategory = tag + 2,
                Items = [tag + 3, tag + 4],
                Categories = [tag + 5, tag + 6],
                DefaultScores = [tag + 0.25f, tag + 0.5f],
                Signals = [tag + 0.125f, tag + 0.375f, tag + 0.625f, tag + 0.875f],
                Chosen = [0, 1],
                Probabilities = [tag / 100_000.0, tag / 200_000.0],
                Beyond = [],
                Computed = [true, true],
            },
            id,
            sequence,
            ticks: 1_000,
            unit,
            CatalogSnapshot.Empty);

    /// <summary>The values <see cref="Add"/> gives a decision of <paramref name="tag"/>, boxed as the ring holds them.</summary>
    private static object[] Values(int tag) =>
        [tag + 1, tag / 10_000f, tag + 2, tag + 3, tag + 4, tag + 5, tag + 6, tag + 0.25f, tag + 0.5f, tag + 0.125f, tag + 0.375f, tag + 0.625f, tag + 0.875f, tag / 100_000.0, tag / 200_000.0];
}
