using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// Two decisions of one person in flight at once: the one that started first (earlier decision
/// time) is logged last, so it heads the person's chain of waiting decisions. The chain walk then
/// stops at it (past its wait, or settled and cleared) and never reaches the newer decision behind
/// it, which was the outcome's last touch and still waiting. The decision that started first is
/// held in the middle of its signals by <see cref="RacingSignal"/>, so the order is deterministic.
/// </summary>
public sealed class LastTouchOrderRaceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_outcome_rewards_the_newest_waiting_decision_even_when_an_older_one_was_logged_after_it(bool olderSettledFirst)
    {
        var sink = new RewardTests.RecordingSink();
        var racing = new RacingSignal();
        using var sdk = RewardTests.Learning(
            sink,
            options =>
            {
                options.Learning.Mode = LearningMode.Online;
                options.Learning.RewardWaitTime = Wait;
            },
            builder => builder.AddSignal(racing, 1f, 1f));
        sdk.View("ann", "books-1", "books-2");

        // "earlier" starts at T0; while its signals run, two seconds pass and a second page view of
        // the same person decides and is logged ("later", at T0 + 2 s); then "earlier" is logged.
        Decision? later = null;
        racing.Race = () =>
        {
            sdk.Time.Advance(TimeSpan.FromSeconds(2));
            later = Task.Run(() => sdk.Rank("ann", 3)).GetAwaiter().GetResult();
        };
        var earlier = sdk.Rank("ann", 3);
        Assert.True(racing.Fired);
        Assert.NotNull(later);
        Assert.True(earlier.Timestamp < later!.Timestamp);

        // One second past the earlier decision's wait: it can take no reward any more; the later
        // one (made 2 s after it) waits another second and is the person's last touch.
        sdk.Time.Advance(Wait - TimeSpan.FromSeconds(1));
        if (olderSettledFirst)
        {
            // An update settles the earlier decision (due) and keeps the later one (not yet).
            RewardTests.Update(sdk);
            Assert.Contains(sink.Records, record => record.DecisionId == earlier.Id);
        }

        var clicked = later.Items[0].ItemKey;
        sdk.Personalizer.Track(PersonalizationEvent.Click("ann", clicked));

        sdk.Time.Advance(Wait + TimeSpan.FromMinutes(1));
        RewardTests.Update(sdk);

        var record = Assert.Single(sink.Records, record => record.DecisionId == later.Id);
        Assert.True(record.Slots[0].Rewarded, $"the click on {clicked} at {Wait - TimeSpan.FromSeconds(1)} after the later decision, within its wait, was not credited to it");
    }
}
