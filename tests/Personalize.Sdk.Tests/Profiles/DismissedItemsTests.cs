using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class DismissedItemsTests
{
    [Fact]
    public void Items_are_kept_sorted_once_each_with_their_latest_time()
    {
        var set = new DismissedItems();

        Assert.Equal(0, set.Add(7, ticks: 10));
        Assert.Equal(0, set.Add(3, ticks: 20));
        Assert.Equal(0, set.Add(7, ticks: 5));
        Assert.Equal(0, set.Add(11, ticks: 30));

        Assert.Equal([3, 7, 11], set.Items.ToArray());
        Assert.Equal(10, set.Find(7));
        Assert.True(set.Contains(11));
        Assert.False(set.Contains(4));
        Assert.Null(set.Find(4));
    }

    [Fact]
    public void When_full_the_oldest_goes_even_if_it_is_the_one_being_added()
    {
        var set = new DismissedItems();
        for (var item = 0; item < DismissedItems.Capacity; item++)
        {
            set.Add(item, ticks: 1_000 + item);
        }

        Assert.Equal(1, set.Add(5_000, ticks: 5_000));
        Assert.False(set.Contains(0));
        Assert.True(set.Contains(5_000));

        Assert.Equal(1, set.Add(6_000, ticks: 1));
        Assert.False(set.Contains(6_000));
        Assert.Equal(DismissedItems.Capacity, set.Count);
    }

    [Fact]
    public void An_empty_set_holds_no_slots_and_a_full_one_costs_12_bytes_a_dismissal()
    {
        _ = new DismissedItems(); // anything a first use sets up is not the set's own cost
        var empty = GC.GetAllocatedBytesForCurrentThread();
        var set = new DismissedItems();
        var emptyCost = GC.GetAllocatedBytesForCurrentThread() - empty;
        for (var item = 0; item < DismissedItems.Capacity; item++)
        {
            set.Add(item, item);
        }

        // A first copy warms the code path; the second one allocates only the copy's arrays.
        set.CopyTo(new DismissedItems());
        var copy = new DismissedItems();
        var before = GC.GetAllocatedBytesForCurrentThread();
        set.CopyTo(copy);
        var fullArrays = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(emptyCost, 1, 48);
        Assert.InRange(fullArrays, 12 * DismissedItems.Capacity, (12 * DismissedItems.Capacity) + 64);
    }

    [Fact]
    public void A_warm_copy_allocates_nothing()
    {
        var set = new DismissedItems();
        for (var item = 0; item < 600; item++)
        {
            set.Add(item * 3, item);
        }

        var copy = new DismissedItems();
        set.CopyTo(copy);
        var before = GC.GetAllocatedBytesForCurrentThread();
        set.CopyTo(copy);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(set.Items.ToArray(), copy.Items.ToArray());
    }
}
