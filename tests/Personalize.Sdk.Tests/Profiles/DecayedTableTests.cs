using Personalize.Sdk.Profiles;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class DecayedTableTests
{
    private static readonly double HalfLife = TimeSpan.FromDays(14).Ticks;

    [Fact]
    public void Decay_bounds_hold_the_value_as_computed()
    {
        var random = new Random(19);
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
        for (var i = 0; i < 200_000; i++)
        {
            var value = (random.NextDouble() - 0.2) * Math.Pow(10, random.Next(-6, 6));
            var scale = Math.Pow(10, random.Next(1, 14));
            var from = now - (long)((random.NextDouble() - 0.1) * scale);
            var exact = value * Decay.Factor(from, now, HalfLife);

            var (lower, upper) = Decay.Bounds(value, from, now, HalfLife);

            Assert.True(lower <= exact && exact <= upper, $"{value} at {from}: {exact} outside [{lower}, {upper}]");
        }
    }

    [Fact]
    public void A_full_table_evicts_the_first_weakest_entry_after_decay()
    {
        var random = new Random(7);
        const int Capacity = 16;
        for (var run = 0; run < 200; run++)
        {
            var table = new DecayedTable(Capacity);
            var reference = new List<(int Id, double Value, long Ticks)>();
            var ticks = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            for (var e = 0; e < 400; e++)
            {
                // Mostly moments apart, sometimes days, sometimes late; equal weights make near-ties.
                ticks += random.Next(4) switch { 0 => 1, 1 => random.Next(1_000), 2 => TimeSpan.TicksPerDay * random.Next(1, 30), _ => -random.Next(1_000_000) };
                var id = random.Next(40);
                var amount = random.Next(5) == 0 ? -1.0 : random.Next(1, 3);
                table.Add(id, amount, ticks, HalfLife);
                ReferenceAdd(reference, Capacity, id, amount, ticks);

                Assert.Equal(reference.Count, table.Count);
                for (var slot = 0; slot < table.Count; slot++)
                {
                    Assert.Equal(reference[slot].Id, table.IdAt(slot));
                    Assert.Equal((reference[slot].Value, reference[slot].Ticks), table.StoredAt(slot));
                }
            }
        }
    }

    /// <summary>The table's rule, written out with every value computed: the first weakest makes room.</summary>
    private static void ReferenceAdd(List<(int Id, double Value, long Ticks)> entries, int capacity, int id, double amount, long ticks)
    {
        var slot = entries.FindIndex(entry => entry.Id == id);
        if (slot < 0)
        {
            if (entries.Count == capacity)
            {
                slot = 0;
                var weakest = double.MaxValue;
                for (var i = 0; i < entries.Count; i++)
                {
                    var value = entries[i].Value * Decay.Factor(entries[i].Ticks, ticks, HalfLife);
                    if (value < weakest)
                    {
                        (weakest, slot) = (value, i);
                    }
                }

                entries[slot] = (id, 0, ticks);
            }
            else
            {
                entries.Add((id, 0, ticks));
                slot = entries.Count - 1;
            }
        }

        var (stored, last) = Decay.Add(entries[slot].Value, entries[slot].Ticks, amount, ticks, HalfLife);
        entries[slot] = (id, stored, last);
    }
}
