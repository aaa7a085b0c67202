using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A person's profile evicted while their decision is in flight: the eviction drops what the ledger
/// and the learner hold under the person's other keys (the guest key their arm came from) with the
/// links, so the decision must not record there afterwards, where <c>Forget</c> by their key could
/// no longer reach it. The eviction runs inside the decision (a signal), so the race is deterministic.
/// </summary>
public sealed class EvictionDuringADecisionTests
{
    [Fact]
    public void A_decision_whose_profile_is_evicted_meanwhile_leaves_nothing_under_the_guest_key_its_arm_came_from()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = Sdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "books-1");
        sdk.Rank("guest", 3); // measured under the unit "guest"
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        signal.Race = () => EvictTheLeastRecentlyUsed(sdk); // the account's profile
        sdk.Rank("account", 3);
        Assert.True(signal.Fired);

        Assert.Empty(personalizer.StructuresHolding("guest"));
        Assert.Empty(sdk.Personalizer.GetPersonalData("guest").WaitingDecisions);
        sdk.Personalizer.Forget("account");
        Assert.True(sdk.Personalizer.GetPersonalData("guest").IsEmpty, sdk.Personalizer.GetPersonalData("guest").ToJson());
    }

    [Fact]
    public void A_decision_whose_profile_is_evicted_meanwhile_keeps_its_exposure_under_the_profiles_own_key()
    {
        // As the eviction keeps the measurement under the profile's own key: Forget by that key reaches it.
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = Sdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");

        signal.Race = () => EvictTheLeastRecentlyUsed(sdk); // Ann's profile
        sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Null(sdk.Personalizer.GetPersonalData("ann").Profile);
        Assert.Single(sdk.Personalizer.GetPersonalData("ann").Holdouts);
        Assert.True(sdk.Personalizer.Forget("ann"));
        Assert.Empty(personalizer.StructuresHolding("ann"));
    }

    private static void EvictTheLeastRecentlyUsed(TestSdk sdk)
    {
        // Two newer visitors push the person out (MaxProfiles 2, least recently used first).
        sdk.Time.Advance(TimeSpan.FromMilliseconds(100));
        sdk.View("p1", "books-2");
        sdk.View("p2", "books-2");
        ((Personalizer)sdk.Personalizer).ProfileMaintenance.Wait();
    }

    private static TestSdk Sdk(RacingSignal signal, RewardTests.RecordingSink sink) => new(
        options =>
        {
            options.MaxProfiles = 2;
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
        },
        builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f).AddLearningLogSink(sink));
}
