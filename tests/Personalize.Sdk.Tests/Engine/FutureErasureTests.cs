using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.Snapshots;

namespace Personalize.Sdk.Tests.Engine;

/// <summary>
/// An erasure from another server dated further ahead than a skewed clock explains (a corrupt
/// journal entry, or a snapshot written by a server whose clock ran a year ahead) is taken as of
/// now: guarded from its stated time, it passed over every event of the person until then.
/// </summary>
public sealed class FutureErasureTests
{
    [Fact]
    public void A_journaled_erasure_dated_a_year_ahead_does_not_pass_over_the_persons_later_events()
    {
        using var server = StateSnapshotTests.Server();
        var replica = (IReplica)server.Personalizer;

        replica.ApplyForget("p", server.Time.GetUtcNow().AddYears(1));
        server.Time.Advance(TimeSpan.FromMinutes(1));
        replica.ApplyEvent("p", PersonalizationEvent.View("p", "hiking-1") with { Timestamp = server.Time.GetUtcNow() });

        Assert.Equal(1, server.ProfileCount);
    }

    [Fact]
    public void A_snapshots_erasure_dated_a_year_ahead_guards_only_the_usual_window()
    {
        using var ahead = StateSnapshotTests.Server();
        ahead.Time.Advance(TimeSpan.FromDays(365));
        ahead.Personalizer.Forget("p");
        var (state, _) = StateSnapshotTests.Write(ahead);
        using var server = StateSnapshotTests.Server();
        StateSnapshotTests.Merge(server, state);

        server.Time.Advance(Personalizer.ErasureGuardWindow + TimeSpan.FromMinutes(1));
        ((IReplica)server.Personalizer).ApplyEvent("p", PersonalizationEvent.View("p", "hiking-1") with { Timestamp = server.Time.GetUtcNow() });

        Assert.Equal(1, server.ProfileCount);
    }

    [Fact]
    public void A_journaled_erasure_from_a_clock_a_little_ahead_keeps_its_time()
    {
        using var server = StateSnapshotTests.Server();
        var replica = (IReplica)server.Personalizer;
        var erasedAt = server.Time.GetUtcNow().AddMinutes(2);

        replica.ApplyForget("p", erasedAt);
        server.Time.Advance(TimeSpan.FromMinutes(1));
        replica.ApplyEvent("p", PersonalizationEvent.View("p", "hiking-1") with { Timestamp = server.Time.GetUtcNow() });

        // Tracked before the erasure where it happened: passed over, as it must be.
        Assert.Equal(0, server.ProfileCount);
    }
}
