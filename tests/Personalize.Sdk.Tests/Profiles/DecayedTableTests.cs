using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class DecayedTableTests
{
    private const double HalfLife = 1_000_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_full_table_gives_the_slot_of_its_weakest_entry_after_decay_to_a_new_id(int seed)
    {
        // Random amounts (some negative), times moving forward with jitter (some late), ids from a
        // range wider than the table: each new id must evict exactly the first weakest entry, as a
        // scan computing every entry's decayed value finds it.
        var random = new Random(seed);
        var table = new DecayedTable(capacity: 16);
        var now = 10 * (long)HalfLife;
        var evictions = 0;
        for (var step = 0; step < 20_000; step++)
        {
            now += random.Next(0, (int)(HalfLife / 4));
            var ticks = now - random.Next(0, (int)(HalfLife / 8));
            var id = random.Next(64);
            var amount = random.NextDouble() < 0.1 ? -random.NextDouble() : random.NextDouble() * 3;
            var ids = Enumerable.Range(0, table.Count).Select(table.IdAt).ToArray();
            var expectedEvicted = -1;
            if (table.Count == 16 && !ids.Contains(id))
            {
                var weakest = double.MaxValue;
                for (var slot = 0; slot < table.Count; slot++)
                {
                    var value = table.ValueAt(slot, ticks, HalfLife);
                    if (value < weakest)
                    {
                        (weakest, expectedEvicted) = (value, table.IdAt(slot));
                    }
                }
            }

            table.Add(id, amount, ticks, HalfLife);

            var after = Enumerable.Range(0, table.Count).Select(table.IdAt).ToHashSet();
            Assert.Contains(id, after);
            if (expectedEvicted >= 0)
            {
                evictions++;
                Assert.DoesNotContain(expectedEvicted, after);
                Assert.Equal(ids.Where(i => i != expectedEvicted).Append(id).Order(), after.Order());
            }
        }

        Assert.True(evictions > 5_000, $"only {evictions} evictions were checked");
    }
}
