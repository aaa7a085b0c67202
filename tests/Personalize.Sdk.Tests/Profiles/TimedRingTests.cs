using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class TimedRingTests
{
    [Theory]
    [InlineData(27)] // odd: the items' half of the buffer ends in half a slot
    [InlineData(16)]
    public void Items_and_times_stay_paired_and_ordered_through_growth_repeats_late_events_and_eviction(int capacity)
    {
        var random = new Random(7);
        var ring = new TimedRing(capacity);
        var model = new List<(int Item, long Ticks)>();
        for (var step = 0; step < 5_000; step++)
        {
            var item = random.Next(60);
            long ticks = 1_000 + step - random.Next(40); // some arrive late
            ring.Add(item, ticks);
            AddToModel(model, capacity, item, ticks);

            Assert.Equal(model.Select(entry => entry.Item), ring.Items.ToArray());
            Assert.Equal(model.Select(entry => entry.Ticks), Enumerable.Range(0, ring.Count).Select(ring.TicksAt));
        }
    }

    [Fact]
    public void Remove_takes_out_an_item_recorded_no_later_than_the_given_time_keeping_the_order()
    {
        var ring = new TimedRing(8);
        ring.Add(1, 10);
        ring.Add(2, 20);
        ring.Add(3, 30);

        ring.Remove(2, 25);
        ring.Remove(3, 25); // recorded later: stays
        ring.Remove(9, 25); // not held

        Assert.Equal([1, 3], ring.Items.ToArray());
        Assert.Equal([10L, 30L], Enumerable.Range(0, ring.Count).Select(ring.TicksAt));
    }

    [Fact]
    public void A_copy_holds_the_same_pairs_and_a_warm_copy_allocates_nothing()
    {
        var ring = new TimedRing(27);
        for (var i = 0; i < 20; i++)
        {
            ring.Add(100 + i, 1_000 + (i * 10));
        }

        var small = new TimedRing(27);
        small.Add(1, 1);
        ring.CopyTo(ref small); // grows the target
        var reserved = new TimedRing(27, reserve: true);
        ring.CopyTo(ref reserved);
        var before = GC.GetAllocatedBytesForCurrentThread();

        ring.CopyTo(ref reserved);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        foreach (var copy in new[] { small, reserved })
        {
            Assert.Equal(ring.Items.ToArray(), copy.Items.ToArray());
            Assert.Equal(1_190, copy.TicksAt(19));
            Assert.Equal(1_190, copy.Find(119));
            Assert.Equal(119, copy.NewestItem(0));
        }
    }

    /// <summary>The ring's rules, written plainly: one entry per item at its latest time, ordered by time (ties in arrival order), the oldest leaving when full.</summary>
    private static void AddToModel(List<(int Item, long Ticks)> model, int capacity, int item, long ticks)
    {
        var existing = model.FindIndex(entry => entry.Item == item);
        if (existing >= 0)
        {
            ticks = Math.Max(ticks, model[existing].Ticks);
            model.RemoveAt(existing);
        }
        else if (model.Count == capacity)
        {
            if (ticks < model[0].Ticks)
            {
                return;
            }

            model.RemoveAt(0);
        }

        var position = model.Count;
        while (position > 0 && model[position - 1].Ticks > ticks)
        {
            position--;
        }

        model.Insert(position, (item, ticks));
    }
}
