using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Engine;

public sealed class ErasureGuardTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void An_older_erasure_restored_from_a_snapshot_neither_moves_the_erasure_back_nor_shortens_the_window()
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var guard = new ErasureGuard(Window, time);
        var erased = time.GetUtcNow().UtcTicks;
        guard.Erased(["guest"], erased);

        // A snapshot written before this erasure holds an older one of the same key.
        guard.Restore("guest", erased - TimeSpan.FromMinutes(10).Ticks);
        time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(guard.Precedes("guest", erased - 1));
        Assert.True(guard.Precedes("guest", erased));
        Assert.False(guard.Precedes("guest", erased + 1));
        Assert.Equal([new KeyValuePair<string, long>("guest", erased)], guard.Recent());
    }

    [Fact]
    public void A_live_guard_forgets_an_erasure_a_window_after_it_arrived_and_a_replaying_one_keeps_it()
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var live = new ErasureGuard(Window, time);
        var replaying = new ErasureGuard(Window, time, forReplay: true);
        var erased = time.GetUtcNow().UtcTicks - TimeSpan.FromMinutes(10).Ticks;
        live.Erased(["guest"], erased);
        replaying.Erased(["guest"], erased);

        time.Advance(Window);
        Assert.True(live.Precedes("guest", erased - 1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(live.Precedes("guest", erased - 1));
        Assert.True(replaying.Precedes("guest", erased - 1));
        Assert.Empty(replaying.Recent());
    }

    [Fact]
    public void A_sweep_lets_go_of_keys_whose_window_ended_and_keeps_one_erased_again_since()
    {
        var time = new FakeTimeProvider(TestSdk.Start);
        var guard = new ErasureGuard(Window, time);
        var first = time.GetUtcNow().UtcTicks;
        guard.Erased(["guest", "account"], first);
        time.Advance(TimeSpan.FromMinutes(3));
        guard.Erased(["account"], time.GetUtcNow().UtcTicks);

        time.Advance(TimeSpan.FromMinutes(2));
        guard.SweepIfDue(time.GetUtcNow().UtcTicks);
        Assert.True(guard.Holds("guest"));

        time.Advance(TimeSpan.FromTicks(1));
        guard.SweepIfDue(time.GetUtcNow().UtcTicks);
        Assert.False(guard.Holds("guest"));
        Assert.True(guard.Precedes("account", first));

        time.Advance(TimeSpan.FromMinutes(3));
        guard.SweepIfDue(time.GetUtcNow().UtcTicks);
        Assert.False(guard.Holds("account"));
    }
}
