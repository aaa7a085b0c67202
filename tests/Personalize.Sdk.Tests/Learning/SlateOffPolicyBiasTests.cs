using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// From a statistics review: three items A, B, C (no categories), two slots, exploration 0.2,
/// fixed rewards A 0.5, B 1, C 0. The configured weights rank A, B, C; the candidate weights rank
/// B, C, A. Each slot of the two used to be a round whose probabilities were conditioned on the
/// logging policy's slot before it: a hybrid no policy serves, which said the configured weights
/// earn 0.675 a slot and the candidate 0.88 (its own slate earns 0.533). The evaluation now reads
/// each decision's first slot, the one every policy fills itself; the truth here is computed by
/// hand, independently of the SDK.
/// </summary>
public sealed class SlateOffPolicyBiasTests(ITestOutputHelper output)
{
    private const double Epsilon = 0.2;
    private static readonly string[] Keys = ["A", "B", "C"];
    private static readonly double[] Reward = [0.5, 1.0, 0.0];
    private static readonly float[] SigA = [1.0f, 0.5f, 0.0f];   // configured: A, B, C
    private static readonly float[] SigB = [0.0f, 1.0f, 0.5f];   // candidate: B, C, A

    [Fact]
    public void Every_policy_of_a_two_slot_placement_is_judged_on_its_own_first_slot()
    {
        CatalogItem[] catalog = [.. Keys.Select(k => new CatalogItem { Key = k, Title = k })];
        using var sdk = new TestSdk(
            options =>
            {
                foreach (var name in BuiltInSignals.All)
                {
                    options.Weights[name] = 0f;
                    options.ColdStartWeights[name] = 0f;
                }

                options.MaxPerCategory = 0;
                options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
                options.Learning.Mode = LearningMode.Apprentice;
                options.Learning.ExplorationRate = Epsilon;
                options.Learning.ExplorationSeed = 7;
                options.Learning.MinSettledDecisions = 1_000_000;
                options.Learning.RewardWaitTime = TimeSpan.FromSeconds(1);
                options.Learning.UpdateInterval = TimeSpan.FromDays(1);
            },
            builder => builder
                .AddSignal(new Fixed("sig-a", SigA), 1f, 1f)
                .AddSignal(new Fixed("sig-b", SigB), 0.01f, 0.01f),
            catalog);

        for (var t = 0; t < 4_000; t++)
        {
            var decision = sdk.Personalizer.Rank(new PersonalizationRequest($"u{t % 50}") { Count = 2 });
            foreach (var item in decision.Items)
            {
                var r = Reward[Array.IndexOf(Keys, item.ItemKey)];
                if (r > 0)
                {
                    sdk.Personalizer.Reward(decision.Id, item.ItemKey, r);
                }
            }

            if ((t + 1) % 500 == 0)
            {
                sdk.Time.Advance(TimeSpan.FromSeconds(2));
                ((Personalizer)sdk.Personalizer).Learner.Update();
            }
        }

        var evaluation = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(
            PersonalizationRequest.DefaultPlacement,
            new Dictionary<string, float> { ["sig-a"] = 0f, ["sig-b"] = 1f });
        var candidate = evaluation["candidate"];
        var configured = evaluation["default"];
        var random = evaluation["random"];

        // Independent truth: the mean reward of each policy's own first slot.
        var trueCandidate = FirstSlotValue([0.0, 1.0, 0.5], Epsilon);   // B, C, A: 0.9
        var trueDefault = FirstSlotValue([1.0, 0.5, 0.0], Epsilon);     // A, B, C: 0.5
        var trueRandom = FirstSlotValue([1.0, 0.5, 0.0], 1.0);          // 0.5
        output.WriteLine($"truth: candidate {trueCandidate:F4}, default {trueDefault:F4}, random {trueRandom:F4}");
        output.WriteLine(evaluation.ToTable());

        Assert.Equal(4_000, evaluation.Decisions);
        Assert.Equal(8_000, evaluation.Rounds);
        foreach (var (policy, truth) in new[] { (configured, trueDefault), (candidate, trueCandidate), (random, trueRandom) })
        {
            Assert.True(policy.DoublyRobust.Covers(truth), $"{policy.Policy} DR {policy.DoublyRobust} does not cover its true value {truth:F4}");
            Assert.True(policy.SelfNormalized.Covers(truth), $"{policy.Policy} SNIPS {policy.SelfNormalized} does not cover its true value {truth:F4}");
            Assert.True(policy.InversePropensity.Covers(truth), $"{policy.Policy} IPS {policy.InversePropensity} does not cover its true value {truth:F4}");
        }

        // The logging policy weighs every decision 1: its estimate is its own first slots' mean reward.
        Assert.Equal(4_000, configured.InversePropensity.EffectiveSampleSize, 6);
    }

    /// <summary>The exact mean reward of an epsilon-greedy policy's first slot over 3 items (scores: higher first, ties to the lower index).</summary>
    private static double FirstSlotValue(double[] scores, double epsilon)
    {
        var greedy = Enumerable.Range(0, 3).MaxBy(i => (scores[i], -i));
        return ((1 - epsilon) * Reward[greedy]) + (epsilon * Reward.Average());
    }

    private sealed class Fixed(string name, float[] values) : ISignalProvider
    {
        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                column[i] = values[Array.IndexOf(Keys, context.GetItem(candidates[i]).Key)];
            }
        }
    }
}
