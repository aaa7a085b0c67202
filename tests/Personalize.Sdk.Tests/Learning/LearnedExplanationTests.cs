using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// When a placement's learned weights serve, an explanation describes the ranking that was served:
/// each item's contributions are the learned weights (at the person's confidence) times its signal
/// values, and they add up to the score it was served with, not to the configured mix's score.
/// </summary>
public sealed class LearnedExplanationTests
{
    private const int Seed = 21;

    [Fact]
    public void An_explanation_of_a_learned_ranking_adds_up_to_the_served_scores_with_the_learned_weights()
    {
        var world = LearningWorld.Reversed(Seed);
        using var sdk = world.Sdk(options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.MinSettledDecisions = 100;
        });
        SimulatorTests.Learner(sdk).Random = new Random(Seed);
        world.Serve(sdk, trafficSeed: 3, decisions: 500);
        Assert.Equal("learned", sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements[0].Serving);

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(LearningWorld.User(3)) { Count = 5, Explain = true, Preview = true, Context = LearningWorld.ContextOf(0) });

        var explained = decision.Explanation!.Items;
        Assert.Equal(decision.Items.Select(item => item.ItemKey), explained.Select(item => item.ItemKey));
        for (var i = 0; i < explained.Count; i++)
        {
            Assert.Equal(decision.Items[i].Score, explained[i].Score);
            Assert.Equal(explained[i].Score, explained[i].Contributions.Sum(contribution => contribution.Contribution), 3);
        }

        // The weights shown are the learned ones, not the configured 1 / 0.6 / 0.3 / 0.1.
        var weights = explained[0].Contributions.ToDictionary(contribution => contribution.Signal, contribution => contribution.Weight);
        Assert.NotEqual(LearningWorld.DefaultWeights, LearningWorld.SignalNames.Select(name => weights.GetValueOrDefault(name)));
        Assert.All(explained.Skip(1), item => Assert.Equal(weights, item.Contributions.ToDictionary(contribution => contribution.Signal, contribution => contribution.Weight)));
    }
}
