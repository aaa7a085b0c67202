using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// Exploration never overrides the guardrails nor the holdout: with half of all slots explored, an
/// item a guardrail removed is never shown, and holdout control decisions always get the default
/// order and are tallied as "control".
/// </summary>
public sealed class ExplorationSafetyTests
{
    private const int Seed = 21;

    [Fact]
    public void A_dismissed_item_is_never_shown_however_much_is_explored()
    {
        var world = LearningWorld.Reversed(Seed);
        using var sdk = world.Sdk(options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.ExplorationRate = 0.5;
            options.Learning.MinSettledDecisions = 100;
        });
        SimulatorTests.Learner(sdk).Random = new Random(Seed);
        const string Dismissed = "item-05";
        var user = LearningWorld.User(3);
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss(user, Dismissed));

        // Others' traffic trains the learner to serve; the dismissing person is asked for 8 of 24 items, 2,000 times.
        world.Serve(sdk, trafficSeed: 3, decisions: 500);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var firstSlot = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < 2_000; t++)
        {
            var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 8, Context = LearningWorld.ContextOf(t % LearningWorld.Contexts) });
            Assert.Equal(DecisionVariant.Personalized, decision.Variant);
            Assert.Equal(8, decision.Items.Count);
            Assert.DoesNotContain(decision.Items, item => item.ItemKey == Dismissed);
            shown.UnionWith(decision.Items.Select(item => item.ItemKey));
            firstSlot.Add(decision.Items[0].ItemKey);
            if (t % 100 == 99)
            {
                LearningWorld.Settle(sdk);
            }
        }

        // Exploration really happened: every other item was shown, and the first slot varied widely.
        Assert.Equal(LearningWorld.ItemCount - 1, shown.Count);
        Assert.Equal(LearningWorld.ItemCount - 1, firstSlot.Count);
        var placement = sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements[0];
        Assert.Equal("learned", placement.Serving);
    }

    [Fact]
    public void Holdout_control_decisions_are_never_explored_and_are_reported_as_control()
    {
        var world = LearningWorld.Reversed(Seed);
        static void Configure(PersonalizationOptions options)
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.ExplorationRate = 0.5;
            options.Learning.MinSettledDecisions = 100;
        }

        using var sdk = world.Sdk(Configure, build: builder => builder.AddHoldout("learning-holdout", 5_000));
        using var reference = world.Sdk(options => options.Learning.Mode = LearningMode.Off, build: builder => builder.AddHoldout("learning-holdout", 5_000));
        SimulatorTests.Learner(sdk).Random = new Random(Seed);
        var control = Enumerable.Range(0, LearningWorld.Users)
            .Where(u => sdk.Personalizer.GetHoldoutAssignment(LearningWorld.User(u), "learning-holdout").Arm == HoldoutArm.Control)
            .ToHashSet();
        Assert.InRange(control.Count, 10, 30);

        var traffic = new Random(Seed);
        int controlDecisions = 0, treatmentDecisions = 0, explored = 0;
        double controlReward = 0;
        for (var t = 0; t < 3_000; t++)
        {
            var u = traffic.Next(LearningWorld.Users);
            var request = new PersonalizationRequest(LearningWorld.User(u)) { Count = 6, Context = LearningWorld.ContextOf(traffic.Next(LearningWorld.Contexts)) };
            var decision = sdk.Personalizer.Rank(request);
            var expected = reference.Personalizer.Rank(request);
            var keys = decision.Items.Select(item => item.ItemKey).ToArray();
            var defaults = expected.Items.Select(item => item.ItemKey).ToArray();
            if (control.Contains(u))
            {
                Assert.Equal(DecisionVariant.Control, decision.Variant);
                Assert.Equal(defaults, keys);
                controlDecisions++;

                // Rewarded like any decision: tallied for comparison, never learned from.
                Assert.True(sdk.Personalizer.Reward(decision.Id, keys[0], 1));
                controlReward += 1.0 / keys.Length;
            }
            else
            {
                Assert.Equal(DecisionVariant.Personalized, decision.Variant);
                treatmentDecisions++;
                explored += keys.SequenceEqual(defaults) ? 0 : 1;
                sdk.Personalizer.Reward(decision.Id, keys[0], 0.5);
            }

            if (t % 100 == 99)
            {
                LearningWorld.Settle(sdk);
            }
        }

        var placement = sdk.Services.GetRequiredService<ILearningReporter>().GetReport().Placements[0];
        var online = placement.Online.ToDictionary(o => o.Policy);
        Assert.Equal(controlDecisions, online["control"].Decisions);
        Assert.Equal(controlReward / controlDecisions, online["control"].Mean, 9);
        Assert.Equal(treatmentDecisions, online["default"].Decisions + online["learned"].Decisions);

        // Treatment decisions were explored (and re-ranked) most of the time; control decisions never were, nor were they learned from.
        Assert.True(explored > treatmentDecisions / 2, $"{explored} of {treatmentDecisions} treatment decisions differed from the default order");
        Assert.Equal(treatmentDecisions, placement.Decisions - controlDecisions);
        Assert.Equal(placement.History[^1].Observations, treatmentDecisions * 6L);
    }
}
