using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Tests.Profiles;

public sealed class TableGrowthTests
{
    [Theory]
    [InlineData(32, new[] { 4, 8, 10, 12, 15, 18, 22, 27, 32 })]
    [InlineData(16, new[] { 4, 8, 10, 12, 15, 16 })]
    [InlineData(6, new[] { 4, 6 })]
    [InlineData(256, new[] { 4, 8, 10, 12, 15, 18, 22, 27, 33, 66, 132, 256 })]
    [InlineData(272, new[] { 4, 8, 10, 12, 15, 18, 22, 27, 33, 66, 132, 264, 272 })]
    public void A_table_filled_one_entry_at_a_time_grows_by_a_quarter_after_8_slots_and_doubles_from_32_up_to_its_capacity(int capacity, int[] expected)
    {
        var lengths = new List<int>();
        var length = 0;
        for (var needed = 1; needed <= capacity; needed++)
        {
            if (length < needed)
            {
                length = TableGrowth.NextLength(length, needed, capacity);
                lengths.Add(length);
            }
        }

        Assert.Equal(expected, lengths);
    }

    [Fact]
    public void A_table_that_needs_more_than_the_next_step_gets_what_it_needs_at_once()
    {
        Assert.Equal(20, TableGrowth.NextLength(length: 0, needed: 20, capacity: 32));
        Assert.Equal(32, TableGrowth.NextLength(length: 27, needed: 28, capacity: 32));
    }

    [Fact]
    public void Growth_keeps_every_entry_in_order_in_the_longer_array()
    {
        var grown = TableGrowth.Grown(new[] { 3, 1, 2, 9 }, count: 3, length: 5);

        Assert.Equal([3, 1, 2, 0, 0], grown);
    }
}
