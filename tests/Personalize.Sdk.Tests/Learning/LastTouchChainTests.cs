using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>README "Rewards": an automatic reward goes to the person's most recent waiting decision that showed the item.</summary>
public sealed class LastTouchChainTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(2_000)]
    public void An_outcome_reaches_the_decision_that_showed_the_item_however_many_later_decisions_did_not(int later)
    {
        var sink = new RewardTests.RecordingSink();

        // Apprentice, no exploration, wait 10 minutes; the frequency cap off so every later decision shows 3 items.
        using var sdk = RewardTests.Learning(sink, options => options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap));
        sdk.View("ann", "books-1");
        var first = sdk.Rank("ann", 3);
        var shown = first.Items[2].ItemKey;
        var others = TestCatalog.Items.Select(item => item.Key).Where(key => key != shown).ToArray();
        for (var i = 0; i < later; i++)
        {
            // All within the wait, none showing the item; far fewer than MaxPendingDecisions (16,384).
            sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 3, Candidates = others });
        }

        sdk.Personalizer.Track(PersonalizationEvent.AddToCart("ann", shown));
        RewardTests.Settle(sdk);

        Assert.Equal(later + 1, sink.Records.Count);
        var record = sink.Records.Single(r => r.DecisionId == first.Id);
        Assert.True(record.Slots[2].Rewarded, "the add-to-cart reached no decision");
        Assert.Equal(0.6, record.Slots[2].Reward, 6);
    }
}
