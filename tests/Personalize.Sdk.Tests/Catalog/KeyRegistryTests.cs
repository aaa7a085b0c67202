using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Tests.Catalog;

public sealed class KeyRegistryTests
{
    [Fact]
    public void A_freed_id_goes_to_a_new_key_only_from_the_next_build_and_the_reuse_is_dated()
    {
        var registry = new KeyRegistry();
        registry.BeginBuild(1);
        var old = registry.GetOrAdd("old", version: 1);

        registry.BeginBuild(2);
        registry.Release("old");
        var sameBuild = registry.GetOrAdd("new-in-build-2", version: 2);
        Assert.NotEqual(old, sameBuild);
        Assert.True(registry.ReusedThisBuild.IsEmpty);
        Assert.Equal(0, registry.ReassignedAt()[old]);

        registry.BeginBuild(3);
        var reused = registry.GetOrAdd("new-in-build-3", version: 3);

        Assert.Equal(old, reused);
        Assert.Equal([old], registry.ReusedThisBuild.ToArray());
        Assert.Equal(3, registry.ReassignedAt()[old]);
        Assert.Equal(0, registry.ReassignedAt()[sameBuild]);
        Assert.Equal((2, 2, 3L), (registry.Count, registry.IdSpace, registry.LastReassignment));
    }

    [Fact]
    public void A_kept_key_keeps_its_id()
    {
        var registry = new KeyRegistry();
        registry.BeginBuild(1);
        var id = registry.GetOrAdd("kept", version: 1);

        registry.BeginBuild(2);

        Assert.Equal(id, registry.GetOrAdd("kept", version: 2));
        Assert.Equal(0, registry.LastReassignment);
    }

    [Fact]
    public void Keys_a_build_did_not_use_give_their_ids_back_beyond_the_most_recently_used_ones_kept()
    {
        var registry = new KeyRegistry();
        registry.BeginBuild(1);
        var oldest = registry.GetOrAdd("oldest", version: 1);
        registry.GetOrAdd("older", version: 1);
        registry.BeginBuild(2);
        registry.GetOrAdd("older", version: 2);
        registry.GetOrAdd("live", version: 2);
        registry.BeginBuild(3);
        registry.GetOrAdd("live", version: 3);

        // Two departed keys, "older" used more recently; one kept for one live key.
        registry.ReleaseUnused(version: 3, kept: live => live);

        Assert.Equal(["live", "older"], registry.Ids.Keys.Order());
        Assert.Null(registry.Keys()[oldest]);
        registry.BeginBuild(4);
        Assert.Equal(oldest, registry.GetOrAdd("newcomer", version: 4));
        Assert.Equal(4, registry.ReassignedAt()[oldest]);
    }

    [Fact]
    public void A_freed_id_is_dated_at_the_next_build_even_if_no_new_key_takes_it()
    {
        var registry = new KeyRegistry();
        registry.BeginBuild(1);
        var gone = registry.GetOrAdd("gone", version: 1);
        registry.Release("gone");

        registry.BeginBuild(2);

        Assert.Equal(2, registry.ReassignedAt()[gone]);
        Assert.Equal(2, registry.LastReassignment);
        Assert.True(registry.ReusedThisBuild.IsEmpty);
    }
}
