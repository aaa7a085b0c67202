using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// Erasure racing work already under way: a <c>Forget</c> that returns while a decision or an event
/// of the person is in flight leaves nothing of them behind. The racing call runs at a fixed point
/// inside the other (a signal, or the event pipeline's test seam), so each race is deterministic.
/// </summary>
public sealed class ErasureRaceTests
{
    [Fact]
    public void Forget_during_a_decision_leaves_neither_its_exposure_nor_its_waiting_learning_decision()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "books-1");
        sdk.Personalizer.Identify("guest", "account"); // the person's holdout unit is "guest"

        signal.Race = () => Assert.True(sdk.Personalizer.Forget("account"));
        sdk.Rank("account", 3);
        Assert.True(signal.Fired);

        // Forget has returned; nothing about the person may remain, nor be learned from later.
        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.Empty(personalizer.StructuresHolding("guest"));
        Assert.Empty(personalizer.StructuresHolding("account"));
        Assert.Empty(sink.Records);
    }

    [Fact]
    public void Forget_during_a_decision_of_a_person_with_one_key_leaves_nothing_under_it()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1"); // in the treatment arm: her decisions are learned from

        signal.Race = () => Assert.True(sdk.Personalizer.Forget("ann"));
        sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.Empty(personalizer.StructuresHolding("ann"));
        Assert.Empty(sink.Records);
    }

    [Fact]
    public void Forget_of_someone_else_during_a_decision_keeps_the_decisions_exposure_and_learning()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");
        sdk.View("other", "books-2");

        signal.Race = () => Assert.True(sdk.Personalizer.Forget("other"));
        sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.Contains("measurement ledger", personalizer.StructuresHolding("ann"));
        Assert.Single(sink.Records);
    }

    [Fact]
    public void Consent_withdrawn_during_a_decision_leaves_no_waiting_learning_decision_but_keeps_the_holdout_exposure()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1"); // in the treatment arm: her decisions are learned from

        // The decision read her consent before the withdrawal; it records after the withdrawal returned.
        signal.Race = () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));
        var decision = sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("ann"));
        var data = sdk.Personalizer.GetPersonalData("ann");
        Assert.Empty(data.WaitingDecisions);
        Assert.Single(data.Holdouts); // the holdout unit and its exposure stay, as for anyone without consent
        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.DoesNotContain(decision.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void A_guest_stitched_then_withdrawn_during_its_decision_keeps_no_learning_entry()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");
        sdk.View("ann-account", "kitchen-1");

        // The decision loaded the guest's profile; a stitch retires it and the account withdraws.
        signal.Race = () =>
        {
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("ann", "ann-account"));
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann-account"));
        };
        var decision = sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Empty(sdk.Personalizer.GetPersonalData("ann-account").WaitingDecisions);
        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.DoesNotContain(decision.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void Many_withdrawals_of_other_people_during_a_decision_leave_its_exposure_and_learning_alone()
    {
        var signal = new RacingSignal();
        var sink = new RewardTests.RecordingSink();
        using var sdk = LearningSdk(signal, sink);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");

        // More withdrawals than the erasure log keeps, none of them Ann's.
        signal.Race = () =>
        {
            for (var i = 0; i < 300; i++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn($"other-{i}"));
            }
        };
        var decision = sdk.Rank("ann", 3);
        Assert.True(signal.Fired);

        Assert.Single(sdk.Personalizer.GetPersonalData("ann").Holdouts);
        sdk.Time.Advance(TimeSpan.FromMinutes(11));
        personalizer.Learner.Update();
        Assert.Contains(decision.Id, sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void Forget_while_an_event_is_applied_does_not_bring_the_person_back()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("user", "books-1");

        // Between finding the profile and writing to it: the write is refused and the event goes anonymous.
        personalizer.Events.RaceBeforeProfileWrite = () => Assert.True(sdk.Personalizer.Forget("user"));
        sdk.View("user", "books-2");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Empty(personalizer.StructuresHolding("user"));
        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty);
    }

    [Fact]
    public void Forget_of_the_known_key_while_a_guest_event_is_applied_does_not_bring_the_person_back()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "books-1");
        sdk.Personalizer.Identify("guest", "account");

        personalizer.Events.RaceBeforeProfileWrite = () => Assert.True(sdk.Personalizer.Forget("account"));
        sdk.View("guest", "books-2");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        foreach (var key in new[] { "guest", "account" })
        {
            Assert.Empty(personalizer.StructuresHolding(key));
            Assert.True(sdk.Personalizer.GetPersonalData(key).IsEmpty);
        }
    }

    [Fact]
    public void A_stitch_while_an_event_is_applied_still_lands_the_event_on_the_surviving_profile()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest", "books-1");
        sdk.View("account", "books-3");

        personalizer.Events.RaceBeforeProfileWrite = () => Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));
        sdk.View("guest", "books-2");

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(3, sdk.Personalizer.GetPersonalData("account").Profile?.EventCount);
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
