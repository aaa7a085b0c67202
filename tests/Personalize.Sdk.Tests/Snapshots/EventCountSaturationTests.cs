using Personalize.Sdk.Catalog;
using Personalize.Sdk.Tests.TestSupport;
using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// docs/profile-format.md: a reader refuses an event count above int.MaxValue, and a state with one
/// bad profile whole. A profile's count stops at int.MaxValue, by an event or a merge, so a state a
/// server accepted never makes it write one that every reader refuses.
/// </summary>
public sealed class EventCountSaturationTests
{
    [Fact]
    public void An_event_on_a_full_count_keeps_the_next_state_readable()
    {
        using var first = Server();
        Merge(first, StateOf(first, "alice", int.MaxValue));
        first.View("bob", "books-1");
        first.View("alice", "books-1");

        using var second = Server();
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        Merge(second, Write(first).State);

        Assert.Equal(int.MaxValue, second.Personalizer.GetPersonalData("alice").Profile!.EventCount);
        Assert.NotNull(second.Personalizer.GetPersonalData("bob").Profile);
    }

    [Fact]
    public void A_merge_into_a_full_count_keeps_the_next_state_readable()
    {
        using var first = Server();
        Merge(first, StateOf(first, "alice", int.MaxValue));
        Merge(first, StateOf(first, "alice", 5));

        using var second = Server();
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        Merge(second, Write(first).State);

        Assert.Equal(int.MaxValue, second.Personalizer.GetPersonalData("alice").Profile!.EventCount);
    }

    private static byte[] StateOf(TestSdk server, string key, int eventCount)
    {
        var catalog = ((CatalogStore)server.Catalog).Current;
        var data = CraftedState.OneEvent();
        data.EventCount = eventCount;
        return CraftedState.With(profiles: w => CraftedState.Profile(w, key, data, catalog));
    }
}
