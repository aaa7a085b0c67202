using System.Buffers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// Erasure and consent, end to end through the public API (and the state a
/// shared store's snapshot is written from).
/// </summary>
public sealed class ErasureReachTests
{
    private const string Account = "ada.lovelace@example.com";
    private const string Guest = "guest-cookie-7f3a";

    private static TestSdk Sdk(Action<PersonalizationOptions>? configure = null, Action<PersonalizationBuilder>? build = null, Learning.RewardTests.RecordingSink? sink = null) => new(
        options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            configure?.Invoke(options);
        },
        builder =>
        {
            builder.AddHoldout("site", basisPoints: 5_000);
            if (sink is not null)
            {
                builder.AddLearningLogSink(sink);
            }

            build?.Invoke(builder);
        });

    private static byte[] State(TestSdk sdk)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ((Personalizer)sdk.Personalizer).WriteState(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static bool Contains(byte[] state, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf16 = Encoding.Unicode.GetBytes(text);
        return state.AsSpan().IndexOf(utf8) >= 0 || state.AsSpan().IndexOf(utf16) >= 0;
    }

    private static void Lives(TestSdk sdk)
    {
        sdk.View(Guest, "hiking-1", "kitchen-2", "books-3");
        sdk.Personalizer.Rank(new PersonalizationRequest(Guest) { Count = 4 });
        sdk.Personalizer.Identify(Guest, Account);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Account, "garden-4", 1, 20m));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(Account, "garden", likes: true));
        sdk.Personalizer.Rank(new PersonalizationRequest(Account) { Count = 4 });
    }

    [Theory]
    [InlineData(Account)]
    [InlineData(Guest)]
    public void After_Forget_by_any_key_a_snapshot_written_once_the_guard_lapsed_holds_no_key_of_the_person(string forgottenBy)
    {
        using var sdk = Sdk();
        Lives(sdk);
        Assert.True(sdk.Personalizer.Forget(forgottenBy));

        // The guard keeps the keys five minutes, let go by the next decision or event after that.
        sdk.Time.Advance(TimeSpan.FromMinutes(20));
        sdk.View("someone-else", "hiking-2");
        sdk.Rank("someone-else");
        var state = State(sdk);

        Assert.True(sdk.Personalizer.GetPersonalData(Account).IsEmpty);
        Assert.True(sdk.Personalizer.GetPersonalData(Guest).IsEmpty);
        Assert.False(Contains(state, Account), "the account key is in the snapshot");
        Assert.False(Contains(state, Guest), "the guest key is in the snapshot");
    }

    [Theory]
    [InlineData(Account)]
    [InlineData(Guest)]
    public void After_Forget_by_any_key_a_reward_or_purchase_does_not_reach_the_erased_persons_decisions(string forgottenBy)
    {
        var sink = new Learning.RewardTests.RecordingSink();
        using var sdk = Sdk(sink: sink);
        sdk.View(Guest, "hiking-1", "kitchen-2", "books-3");
        var guestDecision = sdk.Personalizer.Rank(new PersonalizationRequest(Guest) { Count = 4 });
        sdk.Personalizer.Identify(Guest, Account);
        var accountDecision = sdk.Personalizer.Rank(new PersonalizationRequest(Account) { Count = 4 });
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData(Account).WaitingDecisions);

        Assert.True(sdk.Personalizer.Forget(forgottenBy));

        Assert.False(sdk.Personalizer.Reward(guestDecision.Id, 1));
        Assert.False(sdk.Personalizer.Reward(accountDecision.Id, 1));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Guest, guestDecision.Items[0].ItemKey, 1, 5m));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Account, accountDecision.Items[0].ItemKey, 1, 5m));
        Learning.RewardTests.Settle(sdk);
        Assert.Empty(sink.Records);
    }

    [Theory]
    [InlineData(Account)]
    [InlineData(Guest)]
    public void After_Forget_the_lift_report_keeps_only_anonymous_counts_and_a_later_purchase_is_not_attributed(string forgottenBy)
    {
        using var sdk = Sdk();
        Lives(sdk);
        var lift = sdk.Services.GetRequiredService<ILiftReporter>();
        var before = lift.GetReport("site");

        Assert.True(sdk.Personalizer.Forget(forgottenBy));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Account, "hiking-4", 1, 99m));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Guest, "hiking-4", 1, 99m));
        var after = lift.GetReport("site");

        Assert.Equal(
            new[] { before.Treatment, before.Control }.Select(arm => (arm.Arm, arm.ExposedUnits, arm.ConvertedUnits, arm.Revenue)),
            new[] { after.Treatment, after.Control }.Select(arm => (arm.Arm, arm.ExposedUnits, arm.ConvertedUnits, arm.Revenue)));
        Assert.Empty(sdk.Personalizer.GetPersonalData(Account).Holdouts);
        Assert.Empty(sdk.Personalizer.GetPersonalData(Guest).Holdouts);
    }

    [Fact]
    public void Without_consent_a_persons_events_link_no_items_in_co_occurrence_or_similar_items()
    {
        using var sdk = new TestSdk(options =>
        {
            TestSdk.WeighOnly(options, (BuiltInSignals.CoOccurrence, 1f), (BuiltInSignals.SimilarItems, 1f));
        });
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("private"));
        for (var i = 0; i < 5; i++)
        {
            sdk.View("private", "hiking-1", "books-4");
        }

        // The similar-items model takes events in at its refresh, every 15 minutes.
        sdk.Time.Advance(TimeSpan.FromMinutes(31));
        sdk.View("probe", "hiking-1");
        sdk.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.True(sdk.Personalizer.GetPersonalData("private").Profile is null or { RecentItems.Count: 0 });
        Assert.Equal(0f, sdk.ScoreOf("probe", "books-4"));
    }

    [Fact]
    public void Without_consent_nothing_of_a_persons_behaviour_is_in_a_snapshot()
    {
        using var sdk = Sdk(options => options.DefaultConsent = ConsentFlags.None);
        sdk.View(Guest, "hiking-1", "kitchen-2");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(Guest, "garden-4", 1, 20m));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference(Guest, "garden", likes: true));
        sdk.Personalizer.Rank(new PersonalizationRequest(Guest) { Count = 4 });

        var data = sdk.Personalizer.GetPersonalData(Guest);
        Assert.Null(data.Profile);
        Assert.Empty(data.WaitingDecisions);
        Assert.All(data.Holdouts, membership => Assert.False(membership.Converted));
    }

    [Fact]
    public void Withdrawing_consent_erases_the_shown_items_and_a_decision_without_consent_records_none()
    {
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 1);
        sdk.View(Guest, "hiking-1");
        sdk.Rank(Guest, 4);
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData(Guest).Profile!.Showings);

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(Guest));
        sdk.Rank(Guest, 4);
        sdk.Rank(Guest, 4);

        var profile = sdk.Personalizer.GetPersonalData(Guest).Profile;
        Assert.True(profile is null || (profile.Showings.Count == 0 && profile.RecentItems.Count == 0 && profile.Categories.Count == 0), sdk.Personalizer.GetPersonalData(Guest).ToJson());
    }
}
