using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// RequestContext.LowIntent: "it then opts out of personalization and gets the default experience",
/// on a placement that learns too: not ranked by learned weights over the person's own signals, not
/// explored, not logged.
/// </summary>
public sealed class LowIntentLearningTests
{
    [Fact]
    public void A_low_intent_request_on_a_learning_placement_gets_the_default_experience_not_the_learned_profile_ranking()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink, options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.MinSettledDecisions = 1;
            options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        });

        // People who viewed books are rewarded for the books they are shown: the learner weighs category affinity.
        for (var u = 0; u < 30; u++)
        {
            var user = $"reader-{u}";
            sdk.View(user, "books-1", "books-2");
            var decision = sdk.Rank(user, 4);
            foreach (var item in decision.Items.Where(item => item.ItemKey.StartsWith("books-", StringComparison.Ordinal)))
            {
                sdk.Personalizer.Reward(decision.Id, item.ItemKey, 1.0);
            }
        }

        RewardTests.Settle(sdk);
        sink.Records.Clear();

        sdk.View("ann", "books-3", "books-4");
        var lowIntent = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4, Explain = true, Context = new RequestContext { LowIntent = true } });
        RewardTests.Settle(sdk);

        Assert.Equal(DecisionReason.LowIntent, lowIntent.Reason);
        // The default experience ranks a low-intent request without the person's profile: no profile signal weighs in.
        var profileSignals = new[] { BuiltInSignals.CategoryAffinity, BuiltInSignals.AttributeAffinity, BuiltInSignals.CoOccurrence, BuiltInSignals.SimilarItems, BuiltInSignals.StatedPreference };
        var personal = lowIntent.Explanation!.Items
            .SelectMany(item => item.Contributions.Where(c => profileSignals.Contains(c.Signal) && c.Contribution != 0f).Select(c => $"{item.ItemKey}: {c.Signal} {c.Weight:0.###} x {c.Value:0.###}"))
            .ToList();
        Assert.True(personal.Count == 0, "A low-intent request was ranked by the person's profile: " + string.Join("; ", personal));
        Assert.DoesNotContain(sink.Records, record => record.DecisionId == lowIntent.Id);

        // The same request without low intent is learned from: the exclusion is low intent's alone.
        var personalized = sdk.Rank("ann", 4);
        RewardTests.Settle(sdk);
        Assert.Contains(sink.Records, record => record.DecisionId == personalized.Id);
    }
}
