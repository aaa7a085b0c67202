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
        Add(ring, erased, sequence: 1, "bob", items: [4_241, 4_242], signals: [0.123f, 0.456f, 0.789f, 0.321f], probability: 0.777);
        Add(ring, kept, sequence: 2, "cy", items: [7, 8], signals: [0.5f, 0.25f, 0.125f, 0.0625f], probability: 0.5);

        Assert.Equal(1, ring.Forget("bob"));

        var held = Arrays(ring);
        Assert.DoesNotContain(held, values => values.Contains(erased) || values.Contains(4_241) || values.Contains(4_242) || values.Contains(0.123f) || values.Contains(0.789f) || values.Contains(0.777));
        Assert.Contains(held, values => values.Contains(kept));
        Assert.Contains(held, values => values.Contains(0.0625f));
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
