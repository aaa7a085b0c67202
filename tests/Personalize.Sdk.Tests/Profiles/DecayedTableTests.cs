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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Merging_into_a_full_table_keeps_the_strongest_of_the_summed_entries_whatever_their_order(int seed)
    {
        // Two full tables over overlapping ids, updated at different times: the merge must hold the
        // 16 largest sums (each aligned to the later update time), as summing both and cutting does.
        var random = new Random(seed);
        var now = 10 * (long)HalfLife;
        var target = new DecayedTable(capacity: 16);
        var incoming = new DecayedTable(capacity: 16);
        var sums = new Dictionary<int, (double Value, long Ticks)>();
        foreach (var (table, ids) in new[] { (0, Enumerable.Range(0, 16)), (1, Enumerable.Range(8, 16)) })
        {
            foreach (var id in ids.OrderBy(_ => random.Next()))
            {
                var amount = random.NextDouble() * 4;
                var ticks = now - random.Next(0, (int)HalfLife);
                if (table == 0)
                {
                    target.Add(id, amount, ticks, HalfLife);
                }
                else
                {
                    incoming.Add(id, amount, ticks, HalfLife);
                }

                sums[id] = sums.TryGetValue(id, out var sum)
                    ? Sdk.Statistics.Decay.Add(sum.Value, sum.Ticks, amount, ticks, HalfLife)
                    : (amount, ticks);
            }
        }

        target.MergeFrom(incoming, HalfLife, new ReassignedIds(catalog: null, checkedAt: 0), attributes: false);

        var expected = sums.OrderByDescending(entry => entry.Value.Value * Sdk.Statistics.Decay.Factor(entry.Value.Ticks, now, HalfLife)).Take(16).Select(entry => entry.Key).Order();
        Assert.Equal(string.Join(",", expected), string.Join(",", Enumerable.Range(0, target.Count).Select(target.IdAt).Order()));
    }

    [Fact]
    public void Merging_into_a_full_table_does_not_bring_back_a_summed_entry_pushed_out_with_only_its_incoming_part()
    {
        // Sums: 1 => -1 + 3 = 2 (a dislike pulled it below 0 in the target), 2 => 2.5, 3 => 10,
        // 4 => 10, 5 => 5. The four strongest sums are 2, 3, 4 and 5.
        var now = 10 * (long)HalfLife;
        var target = new DecayedTable(capacity: 4);
        target.Add(1, -1, now, HalfLife);
        target.Add(2, 2.5, now, HalfLife);
        target.Add(3, 10, now, HalfLife);
        target.Add(4, 10, now, HalfLife);
        var incoming = new DecayedTable(capacity: 4);
        incoming.Add(5, 5, now, HalfLife);
        incoming.Add(1, 3, now, HalfLife);

        target.MergeFrom(incoming, HalfLife, new ReassignedIds(catalog: null, checkedAt: 0), attributes: false);

        var held = string.Join(",", Enumerable.Range(0, target.Count).Select(target.IdAt).Order());
        Assert.Equal("2,3,4,5 (id 1 at 0)", $"{held} (id 1 at {target.Get(1, now, HalfLife)})");
    }
}
