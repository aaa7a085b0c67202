using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// More erasures of other people than the erasure log keeps in full (with Redis every server
/// replays every <c>Forget</c>) while a decision or an event is in flight: the work keeps what it
/// wrote about its own person, and an erasure of that person among them still leaves nothing.
/// Every race runs at a fixed point inside the work (a signal, or the event pipeline's test seam).
/// </summary>
public sealed class ManyErasuresInFlightTests
{
    private const int Others = 300; // more than the log keeps in full (256)

    [Fact]
    public void Many_Forgets_of_other_people_during_a_first_decision_keep_the_persons_holdout_unit()
    {
        var signal = new RacingSignal();
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f));
        var lift = sdk.Services.GetRequiredService<ILiftReporter>();
        ViewAsOthers(sdk);

        signal.Race = () => ForgetOthers(sdk);
        sdk.Rank("ann", 3); // her first decision: she has no profile
        Assert.True(signal.Fired);

        Assert.Single(sdk.Personalizer.GetPersonalData("ann").Holdouts);
        sdk.Rank("ann", 3);
        var report = lift.GetReport("site");
        Assert.Equal(1, report.Treatment.ExposedUnits + report.Control.ExposedUnits); // one person, counted once
    }

    [Fact]
    public void Many_Forgets_of_other_people_during_a_decision_keep_the_persons_conversion_and_waiting_decision()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        sdk.View("ann", "books-1"); // in the treatment arm: her decisions are learned from
        sdk.Rank("ann", 3);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "books-2", 1, 20m));
        ViewAsOthers(sdk);

        signal.Race = () => ForgetOthers(sdk);
        var decision = sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        var data = sdk.Personalizer.GetPersonalData("ann");
        var membership = Assert.Single(data.Holdouts);
        Assert.True(membership.Converted);
        Assert.Equal(20, membership.Revenue);
        Assert.Contains(decision.Id, data.WaitingDecisions.Select(waiting => waiting.Id));
    }

    [Fact]
    public void An_other_persons_Forget_that_shares_the_persons_bucket_does_not_undo_a_decision_on_a_live_profile()
    {
        // The log keeps the last 256 erasures whole and the older ones as bucket marks: a key that
        // shares Ann's bucket makes her decision look perhaps erased; her live profile says not.
        var signal = new RacingSignal();
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f));
        sdk.View("ann", "books-1");
        sdk.Rank("ann", 3);
        var sharing = Enumerable.Range(0, 1_000_000).Select(i => $"sharer-{i}").First(key => ErasureLog.BucketOf(key) == ErasureLog.BucketOf("ann"));
        sdk.View(sharing, "books-1");
        ViewAsOthers(sdk);

        signal.Race = () =>
        {
            Assert.True(sdk.Personalizer.Forget(sharing)); // dropped from the log's whole entries by the 300 after it
            ForgetOthers(sdk);
        };
        sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Single(sdk.Personalizer.GetPersonalData("ann").Holdouts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forget_of_the_person_among_many_others_during_their_decision_still_leaves_nothing(bool hasProfile)
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        if (hasProfile)
        {
            sdk.View("ann", "books-1");
        }

        ViewAsOthers(sdk);

        // Her own erasure comes first, so the 300 after it push it out of the log's whole entries.
        signal.Race = () =>
        {
            sdk.Personalizer.Forget("ann");
            ForgetOthers(sdk);
        };
        sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Empty(personalizer.StructuresHolding("ann"));
        Assert.True(sdk.Personalizer.GetPersonalData("ann").IsEmpty, sdk.Personalizer.GetPersonalData("ann").ToJson());
    }

    [Fact]
    public void An_event_racing_a_stitch_and_many_Forgets_of_other_people_still_lands_on_the_surviving_profile()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "books-1");
        sdk.View("account", "books-3");
        ViewAsOthers(sdk);

        // The write to the guest's profile is refused (the stitch retired it): the event resolves again.
        personalizer.Events.RaceBeforeProfileWrite = () =>
        {
            ForgetOthers(sdk);
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));
        };
        sdk.View("guest", "books-2");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(3, sdk.Personalizer.GetPersonalData("account").Profile?.EventCount);
    }

    private static void ViewAsOthers(TestSdk sdk)
    {
        for (var i = 0; i < Others; i++)
        {
            sdk.View($"other-{i}", "books-1");
        }
    }

    private static void ForgetOthers(TestSdk sdk)
    {
        for (var i = 0; i < Others; i++)
        {
            sdk.Personalizer.Forget($"other-{i}");
        }
    }

    private static TestSdk LearningSdk(RacingSignal signal, RewardTests.RecordingSink sink) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
        },
        builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f).AddLearningLogSink(sink));
}
