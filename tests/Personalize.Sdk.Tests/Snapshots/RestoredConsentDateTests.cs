using Personalize.Sdk.Engine;
using static Personalize.Sdk.Tests.Snapshots.StateSnapshotTests;

namespace Personalize.Sdk.Tests.Snapshots;

/// <summary>
/// A consent restored from a state snapshot keeps when it was stated, in a profile record as in a
/// remembered consent, so a recall weighs it as it would have on the server that wrote the state.
/// </summary>
public sealed class RestoredConsentDateTests
{
    // docs/scaling.md: "A withdrawal kept apart at an eviction (idle, or trimmed past MaxProfiles) is
    // kept with when it was stated, here and in the state snapshots: a recall that lands after the
    // eviction overrules it only with a consent stated later ..., never with an older one it fetched
    // before the withdrawal." Here the person was still live when the snapshot was written.
    [Fact]
    public void A_withdrawal_restored_in_a_live_profile_keeps_its_date_when_evicted_later()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("user", "kitchen-1");
        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
        var withdrawnAt = source.Time.GetUtcNow();
        source.Time.Advance(TimeSpan.FromMinutes(1));
        var state = Write(source).State;

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Merge(target, state);
        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("user"));

        // Idle on the restored server: evicted, the withdrawal kept apart.
        target.Time.Advance(TimeSpan.FromDays(31));
        Impl(target).EvictIdleProfiles();
        Assert.Null(Impl(target).CopyProfile("user"));
        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("user"));

        // A recall with a consent stated before the withdrawal.
        ((IReplica)target.Personalizer).ApplyRecalled("user", [],
        [
            PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization) with { Timestamp = withdrawnAt.AddMinutes(-1) },
            PersonalizationEvent.View("user", "kitchen-2") with { Timestamp = withdrawnAt.AddSeconds(-30) },
        ]);

        var data = target.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.None, data.Consent);
        Assert.Empty(data.Profile?.RecentItems ?? []);
    }

    // SnapshotRetentionTests.A_withdrawal_kept_apart_keeps_its_date_through_a_snapshot_round_trip(true):
    // a recalled consent stated after the withdrawal kept apart overrules it (CHANGELOG: "a recalled
    // consent overrules it only when stated later, as it overrules another recalled one"). Here the
    // restoring server already holds a blank profile for the key (a sign-in before the restore).
    [Fact]
    public void A_withdrawal_restored_into_a_blank_profile_is_still_overruled_by_a_later_recalled_consent()
    {
        using var source = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        source.View("alice", "kitchen-1");
        source.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("alice"));
        var withdrawnAt = source.Time.GetUtcNow();
        source.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(ConsentFlags.None, source.Personalizer.GetConsent("alice"));
        Assert.Equal(0, Impl(source).ProfileCount);
        var state = Write(source).State;

        using var target = Server(options => options.ProfileIdleExpiration = TimeSpan.FromDays(30));
        target.Time.SetUtcNow(source.Time.GetUtcNow());
        Assert.Equal(IdentifyResult.Stitched, target.Personalizer.Identify("guest", "alice"));
        Assert.NotNull(Impl(target).CopyProfile("alice"));
        Merge(target, state);
        Assert.Equal(ConsentFlags.None, target.Personalizer.GetConsent("alice"));

        ((IReplica)target.Personalizer).ApplyRecalled("alice", [],
        [
            PersonalizationEvent.ConsentGiven("alice", ConsentFlags.Personalization) with { Timestamp = withdrawnAt.AddMinutes(1) },
            PersonalizationEvent.View("alice", "kitchen-2") with { Timestamp = withdrawnAt.AddMinutes(2) },
        ]);

        var data = target.Personalizer.GetPersonalData("alice");
        Assert.Equal(ConsentFlags.Personalization, data.Consent);
        Assert.Equal(["kitchen-2"], (data.Profile?.RecentItems ?? []).Select(item => item.ItemKey));
    }
}
