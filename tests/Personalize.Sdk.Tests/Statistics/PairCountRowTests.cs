using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Tests.Statistics;

public sealed class PairCountRowTests
{
    /// <summary>The row as it was before the index: a linear search, and the first lightest slot to a newcomer.</summary>
    private sealed class LinearRow(int limit)
    {
        public List<int> Items { get; } = [];

        public List<float> Counts { get; } = [];

        public void Add(int item, float amount)
        {
            var slot = Items.IndexOf(item);
            if (slot >= 0)
            {
                Counts[slot] += amount;
                return;
            }

            if (Items.Count < limit)
            {
                Items.Add(item);
                Counts.Add(amount);
                return;
            }

            var lightest = 0;
            for (var i = 1; i < Counts.Count; i++)
            {
                if (Counts[i] < Counts[lightest])
                {
                    lightest = i;
                }
            }

            Items[lightest] = item;
            Counts[lightest] += amount;
        }

        public void Scale(double factor)
        {
            for (var i = 0; i < Counts.Count; i++)
            {
                Counts[i] = (float)(Counts[i] * factor);
            }
        }

        public void RemoveWhere(bool[] forgotten)
        {
            for (var i = Counts.Count - 1; i >= 0; i--)
            {
                if (forgotten[Items[i]])
                {
                    Items.RemoveAt(i);
                    Counts.RemoveAt(i);
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 8, 20)]
    [InlineData(2, 32, 200)]
    [InlineData(3, 128, 1_000)]
    [InlineData(4, 128, 100_000)]
    public void It_keeps_exactly_the_slots_and_counts_of_a_linear_search_through_every_eviction(int seed, int limit, int itemRange)
    {
        // Skewed item draws with small whole amounts (many ties among the lightest) and a few
        // fractional ones, over item ranges that collide under every small power-of-two mask.
        var random = new Random(seed);
        var row = new PairCountRow();
        var reference = new LinearRow(limit);
        for (var e = 0; e < 20_000; e++)
        {
            var item = (int)(itemRange * Math.Pow(random.NextDouble(), 3)) * 64;
            var amount = e % 7 == 0 ? 0.5f : 1f;
            row.Add(item, amount, limit);
            reference.Add(item, amount);

            if (e % 997 == 0 || e == 19_999)
            {
                Assert.Equal(reference.Items, row.Items.ToArray());
                Assert.Equal(reference.Counts, row.Counts.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(5, 8, 40)]
    [InlineData(6, 128, 1_000)]
    [InlineData(7, 128, 400)]
    public void It_evicts_the_first_lightest_slot_through_rebases_removals_and_shrinking_counts(int seed, int limit, int itemRange)
    {
        // Uniform draws: once full, nearly every newcomer evicts, and most counts tie at the least,
        // the case the eviction's remembered least count serves. Rebases scale counts (rounding
        // can make unequal counts equal), removals free slots, and a negative amount (a corrupt
        // snapshot's) makes a count smaller than the remembered least.
        var random = new Random(seed);
        var row = new PairCountRow();
        var reference = new LinearRow(limit);
        for (var e = 0; e < 30_000; e++)
        {
            var item = random.Next(itemRange);
            var amount = e % 1_499 == 0 ? -3f : 1f;
            row.Add(item, amount, limit);
            reference.Add(item, amount);

            if (e % 2_003 == 0)
            {
                var factor = random.NextDouble() * 0.9 + 0.05;
                row.Scale(factor);
                reference.Scale(factor);
            }

            if (e % 3_001 == 0)
            {
                var forgotten = new bool[itemRange];
                for (var f = 0; f < itemRange / 10; f++)
                {
                    forgotten[random.Next(itemRange)] = true;
                }

                row.RemoveWhere(forgotten);
                reference.RemoveWhere(forgotten);
            }

            if (e % 101 == 0 || e == 29_999)
            {
                Assert.Equal(reference.Items, row.Items.ToArray());
                Assert.Equal(reference.Counts, row.Counts.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_rebase_or_a_shrinking_count_is_not_mistaken_for_the_least_count_seen_before(bool rebase)
    {
        // a, b, c count 1; d evicts a (the first lightest), leaving the least count 1 from slot 1 on.
        var row = new PairCountRow();
        foreach (var item in (ReadOnlySpan<int>)[1, 2, 3, 4])
        {
            row.Add(item, 1, limit: 3);
        }

        row.Add(3, 1, limit: 3);
        Assert.Equal([4, 2, 3], row.Items.ToArray());
        Assert.Equal([2f, 1, 2], row.Counts.ToArray());

        if (rebase)
        {
            // Now [1, 0.5, 1]: slot 2 holds the old least count, but slot 1 is lighter.
            row.Scale(0.5);
            row.Add(5, 1, limit: 3);
            Assert.Equal([4, 5, 3], row.Items.ToArray());
            return;
        }

        // Now [0.5, 1, 2]: slot 0, before where the last eviction left off, is the lightest.
        row.Add(4, -1.5f, limit: 3);
        row.Add(5, 1, limit: 3);
        Assert.Equal([5, 2, 3], row.Items.ToArray());
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(16_777_216f, 1f)]
    [InlineData(float.PositiveInfinity, 1f)]
    public void An_eviction_that_leaves_the_count_as_it_was_keeps_that_slot_the_first_lightest(float start, float amount)
    {
        // 2^24 + 1 rounds back to 2^24 in a float, and infinity stays infinity: the slot a newcomer
        // took still holds the least count, so the next newcomer takes it again.
        var row = new PairCountRow();
        var reference = new LinearRow(2);
        foreach (var (item, value) in (ReadOnlySpan<(int, float)>)[(0, start), (1, start), (2, amount), (3, amount)])
        {
            row.Add(item, value, limit: 2);
            reference.Add(item, value);
        }

        Assert.Equal([3, 1], row.Items.ToArray());
        Assert.Equal(reference.Items, row.Items.ToArray());
        Assert.Equal(reference.Counts, row.Counts.ToArray());
    }

    [Fact]
    public void Every_counted_item_is_found_again_after_evictions_shifted_the_index()
    {
        var row = new PairCountRow();
        for (var item = 0; item < 8; item++)
        {
            row.Add(item * 8, 1, limit: 8);
        }

        // Each newcomer evicts the first lightest; items 0..7 * 8 share few home positions.
        for (var item = 100; item < 140; item++)
        {
            row.Add(item, 1 + (item % 3), limit: 8);
        }

        var counts = row.Items.ToArray().Zip(row.Counts.ToArray()).ToDictionary(p => p.First, p => p.Second);
        foreach (var (item, count) in counts)
        {
            row.Add(item, 10, limit: 8);
            Assert.Equal(count + 10, row.Counts[row.Items.IndexOf(item)]);
        }

        Assert.Equal(8, row.Count);
        Assert.Equal(counts.Keys.Order(), row.Items.ToArray().Order());
    }

    [Fact]
    public void Removing_forgets_only_the_flagged_items_keeping_the_others_in_order_and_findable()
    {
        var row = new PairCountRow();
        for (var item = 0; item < 10; item++)
        {
            row.Add(item, item + 1, limit: 16);
        }

        var forgotten = new bool[10];
        forgotten[3] = forgotten[7] = true;
        row.RemoveWhere(forgotten);
        row.Add(8, 1, limit: 16);
        row.Add(3, 1, limit: 16);

        Assert.Equal([0, 1, 2, 4, 5, 6, 8, 9, 3], row.Items.ToArray());
        Assert.Equal([1f, 2, 3, 5, 6, 7, 10, 10, 1], row.Counts.ToArray());
    }
}
