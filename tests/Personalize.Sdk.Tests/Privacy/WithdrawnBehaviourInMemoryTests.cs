using Personalize.Sdk.Profiles;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// "Withdrawing consent erases what was held": not only the counts. The tables that held the
/// person's items, times and affinities are let go, so nothing of their behaviour stays in memory.
/// </summary>
public sealed class WithdrawnBehaviourInMemoryTests
{
    [Fact]
    public void A_withdrawal_lets_go_of_the_tables_that_held_the_behaviour()
    {
        using var sdk = new TestSdk();
        sdk.View("user", "books-1", "kitchen-1");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "garden-3"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-2"));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        var live = ((Personalizer)sdk.Personalizer).ProfileStore.Peek("user")!;
        Assert.Equal(ConsentFlags.None, live.ReadConsent());
        Assert.Same(DismissedItems.None, live.Dismissed);
        Assert.Equal((0, 0, 0), (live.RecentItems.Count, live.Categories.Count, live.Purchases.Count));
    }

    [Fact]
    public void After_forgetting_behaviour_the_first_new_entry_grows_a_new_table_rather_than_reusing_the_old_one()
    {
        var data = new ProfileData();
        for (var i = 0; i < 10; i++)
        {
            data.Categories.Add(i, 1, 1_000 + i, halfLifeTicks: 1e12);
            data.RecentItems.Add(i, 1_000 + i);
            data.WritableDismissed.Add(i, 1_000 + i);
        }

        data.ForgetBehaviour();

        Assert.Same(DismissedItems.None, data.Dismissed);
        Assert.Equal(0, data.RecentItems.Count);
        var before = GC.GetAllocatedBytesForCurrentThread();
        data.RecentItems.Add(42, 2_000);
        data.Categories.Add(3, 1, 2_000, halfLifeTicks: 1e12);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0, "the old arrays were reused: they still held the forgotten entries");
        Assert.Equal(42, data.RecentItems.ItemAt(0));
    }
}
