using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// The estimators against a seeded simulator whose true values are known exactly: contexts, five
/// choices with hidden Bernoulli reward rates, an epsilon-greedy logging policy, a different target
/// policy, and a reward model that is deliberately wrong.
/// </summary>
public sealed class OffPolicyEstimatorTests
{
    private const int Contexts = 4;
    private const int Choices = 5;
    private const double Epsilon = 0.3;

    [Fact]
    public void The_unbiased_estimators_cover_the_true_value_in_at_least_90_percent_of_seeded_runs()
    {
        const int Runs = 200;
        int ips = 0, selfNormalized = 0, robust = 0, direct = 0;
        for (var seed = 0; seed < Runs; seed++)
        {
            var world = new World(seed);
            var estimates = OffPolicyEstimator.Estimate(world.Log(2_000, modelBias: 0.15));
            ips += Covers(estimates.InversePropensity, world.TrueTargetValue) ? 1 : 0;
            selfNormalized += Covers(estimates.SelfNormalized, world.TrueTargetValue) ? 1 : 0;
            robust += Covers(estimates.DoublyRobust, world.TrueTargetValue) ? 1 : 0;
            direct += Covers(estimates.DirectMethod, world.TrueTargetValue) ? 1 : 0;
        }

        Assert.InRange(ips / (double)Runs, 0.90, 1.0);
        Assert.InRange(selfNormalized / (double)Runs, 0.90, 1.0);
        Assert.InRange(robust / (double)Runs, 0.90, 1.0);

        // The direct method trusts the wrong model, and its interval does not know it.
        Assert.InRange(direct / (double)Runs, 0.0, 0.5);
    }

    [Fact]
    public void The_self_normalised_interval_always_holds_its_estimate_even_on_a_few_heavy_weights()
    {
        // 5% exploration over 32 choices: the target's rare explored matches weigh about 600 and carry the ratio.
        var random = new Random(3);
        for (var run = 0; run < 300; run++)
        {
            var rounds = new LoggedRound[200];
            for (var i = 0; i < rounds.Length; i++)
            {
                var explored = random.NextDouble() < 0.05;
                var matches = explored ? random.NextDouble() < 1 / 32.0 : random.NextDouble() < 0.2;
                var logged = explored ? 0.05 / 32 : 0.95 + (0.05 / 32);
                rounds[i] = new LoggedRound(logged, random.NextDouble() < (explored ? 0.9 : 0.3) ? 1 : 0, matches ? 1 : 0, 0.5, 0.5);
            }

            var estimate = OffPolicyEstimator.Estimate(rounds).SelfNormalized;
            if (!double.IsNaN(estimate.Lower))
            {
                Assert.InRange(estimate.Value, estimate.Lower, estimate.Upper);
            }
        }
    }

    [Fact]
    public void Doubly_robust_with_a_right_model_is_tighter_than_ips()
    {
        var world = new World(seed: 11);
        var estimates = OffPolicyEstimator.Estimate(world.Log(5_000, modelBias: 0));

        Assert.True(Width(estimates.DoublyRobust) < Width(estimates.InversePropensity));
        Assert.InRange(estimates.DirectMethod.Value, world.TrueTargetValue - 0.02, world.TrueTargetValue + 0.02);
    }

    [Fact]
    public void Evaluating_the_logging_policy_itself_weighs_every_decision_once()
    {
        LoggedRound[] rounds = [new(0.5, 1, 0.5, 0.4, 0.4), new(0.25, 0, 0.25, 0.1, 0.3), new(1, 1, 1, 0.9, 0.9)];

        var estimates = OffPolicyEstimator.Estimate(rounds);

        Assert.Equal(3, estimates.InversePropensity.EffectiveSampleSize, precision: 10);
        Assert.Equal(2 / 3.0, estimates.InversePropensity.Value, precision: 10);
        Assert.Equal(2 / 3.0, estimates.SelfNormalized.Value, precision: 10);
    }

    [Fact]
    public void Only_IPS_clips_the_weights_and_the_effective_sample_size_shows_the_cost_of_a_rare_choice()
    {
        LoggedRound[] rounds = [new(0.001, 1, 1, 0, 0), new(1, 0, 1, 0, 0)];

        var estimates = OffPolicyEstimator.Estimate(rounds, maxWeight: 10);

        Assert.Equal(5, estimates.InversePropensity.Value, precision: 10); // (10 x 1 + 1 x 0) / 2
        Assert.Equal(500, estimates.DoublyRobust.Value, precision: 10); // (0 + 1000 x (1 - 0) + 0 + 1 x (0 - 0)) / 2: whole
        Assert.Equal(1000 / 1001.0, estimates.SelfNormalized.Value, precision: 10); // (1000 x 1 + 1 x 0) / (1000 + 1)
        Assert.Equal(1001.0 * 1001 / 1_000_001, estimates.InversePropensity.EffectiveSampleSize, precision: 10);
    }

    [Fact]
    public void A_policy_that_never_makes_a_logged_choice_has_no_weighted_estimate()
    {
        LoggedRound[] rounds = [new(0.5, 1, 0, 0.2, 0.3), new(1, 1, 0, 0.6, 0.5), new(0.25, 0, 0, 0.1, 0.4)];

        var estimates = OffPolicyEstimator.Estimate(rounds);

        foreach (var estimate in new[] { estimates.InversePropensity, estimates.SelfNormalized, estimates.DoublyRobust })
        {
            Assert.True(double.IsNaN(estimate.Value) && double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper), estimate.ToString());
            Assert.Equal(0, estimate.EffectiveSampleSize);
        }

        // The reward model still guesses: the direct method has a value and an interval.
        Assert.Equal(0.4, estimates.DirectMethod.Value, 12);
        Assert.True(estimates.DirectMethod.Lower < 0.4);
        Assert.Equal(3, estimates.DirectMethod.EffectiveSampleSize);

        LoggedRound[] baseline = [new(0.5, 1, 0.5, 0.2, 0.3), new(1, 1, 1, 0.6, 0.5), new(0.25, 0, 0.25, 0.1, 0.4)];
        var difference = OffPolicyEstimator.Difference(rounds, baseline);
        Assert.True(double.IsNaN(difference.Value) && double.IsNaN(difference.Lower), difference.ToString());
        Assert.Equal(0, difference.EffectiveSampleSize);

        // As the baseline it is taken at its reward model's value (0.4), so the difference is defined.
        Assert.Equal(estimates.DirectMethod.Value, OffPolicyEstimator.Estimate(baseline).DoublyRobust.Value - OffPolicyEstimator.Difference(baseline, rounds).Value, 12);
    }

    [Fact]
    public void A_learned_policy_serving_alone_is_judged_against_a_default_that_never_made_a_logged_choice()
    {
        // Exploration 0, the learned weights serving: the default never picks what was shown, its
        // reward model says 0.8, and what the learned policy showed earned nothing.
        var learned = new LoggedRound[40];
        var fallback = new LoggedRound[40];
        for (var i = 0; i < learned.Length; i++)
        {
            learned[i] = new LoggedRound(1, 0, 1, 0.1, 0.1);
            fallback[i] = new LoggedRound(1, 0, 0, 0.1, 0.8 + ((i % 3) * 0.01));
        }

        var difference = OffPolicyEstimator.Difference(learned, fallback);

        Assert.True(difference.Upper < 0, difference.ToString()); // so an apprentice hands the placement back
    }

    [Fact]
    public void The_intervals_count_a_decision_once_however_many_slots_it_has()
    {
        // One decision of four slots: its spread is unknown.
        LoggedRound[] one = [new(0.5, 1, 1, 0.7, 0.7), new(0.5, 0, 1, 0.2, 0.2), new(0.5, 1, 0.5, 0.4, 0.6), new(0.5, 0, 1, 0.3, 0.3)];
        var single = OffPolicyEstimator.Estimate(one, [4]);
        foreach (var estimate in new[] { single.DirectMethod, single.InversePropensity, single.SelfNormalized, single.DoublyRobust })
        {
            Assert.False(double.IsNaN(estimate.Value));
            Assert.True(double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper), estimate.ToString());
        }

        // Five slots per decision sharing its fate: five copies of one sample, so the interval is about sqrt(5) wider than by slot.
        // A decision's later slots have the logged probability (ratio 1), so its chained weight is its first slot's in
        // every slot, the weight each round has alone; with a model of 0, every estimate's terms are the same either way.
        var random = new Random(5);
        var rounds = new List<LoggedRound>();
        var alone = new List<LoggedRound>();
        for (var decision = 0; decision < 200; decision++)
        {
            var reward = random.NextDouble() < 0.5 ? 1.0 : 0.0;
            var target = random.NextDouble() < 0.5 ? 0.6 : 0.4;
            for (var slot = 0; slot < 5; slot++)
            {
                rounds.Add(new LoggedRound(0.5, reward, slot == 0 ? target : 0.5, 0, 0));
                alone.Add(new LoggedRound(0.5, reward, target, 0, 0));
            }
        }

        var bySlot = OffPolicyEstimator.Estimate(alone.ToArray());
        var byDecision = OffPolicyEstimator.Estimate(rounds.ToArray(), Enumerable.Repeat(5, 200).ToArray());
        foreach (var (slotWise, decisionWise) in new[] { (bySlot.InversePropensity, byDecision.InversePropensity), (bySlot.SelfNormalized, byDecision.SelfNormalized), (bySlot.DoublyRobust, byDecision.DoublyRobust) })
        {
            Assert.Equal(slotWise.Value, decisionWise.Value, 12);
            Assert.InRange((decisionWise.Upper - decisionWise.Lower) / (slotWise.Upper - slotWise.Lower), 1.8, 2.5);
        }

        Assert.Equal("roundsPerDecision", Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Estimate(rounds.ToArray(), [5, 5])).ParamName);
        Assert.Equal("roundsPerDecision", Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Estimate(one, [4, 0])).ParamName);
    }

    [Fact]
    public void One_logged_decision_gives_estimates_whose_intervals_are_unknown_not_zero_wide()
    {
        var estimates = OffPolicyEstimator.Estimate([new LoggedRound(0.5, 1, 1, 0.7, 0.7)]);
        var difference = OffPolicyEstimator.Difference(
            [new LoggedRound(0.5, 1, 1, 0.7, 0.7), new LoggedRound(0.5, 0, 1, 0.2, 0.2)],
            [new LoggedRound(0.5, 1, 0.5, 0.7, 0.4), new LoggedRound(0.5, 0, 0, 0.2, 0.1)],
            roundsPerDecision: [2]);

        foreach (var estimate in new[] { estimates.DirectMethod, estimates.InversePropensity, estimates.SelfNormalized, estimates.DoublyRobust, difference })
        {
            Assert.False(double.IsNaN(estimate.Value));
            Assert.True(double.IsNaN(estimate.Lower) && double.IsNaN(estimate.Upper));
        }

        // Two decisions measure a spread again.
        var two = OffPolicyEstimator.Estimate([new LoggedRound(0.5, 1, 1, 0.7, 0.7), new LoggedRound(0.5, 0, 1, 0.2, 0.2)]);
        Assert.True(two.InversePropensity.Lower < two.InversePropensity.Value);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_parameter()
    {
        Assert.Equal("rounds", Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Estimate([])).ParamName);
        Assert.Equal("rounds", Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Estimate([new LoggedRound(0, 1, 1, 0, 0)])).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => OffPolicyEstimator.Estimate([new LoggedRound(1, 1, 1, 0, 0)], confidence: 1)).ParamName);
    }

    private static bool Covers(OffPolicyEstimate estimate, double truth) => estimate.Lower <= truth && truth <= estimate.Upper;

    private static double Width(OffPolicyEstimate estimate) => estimate.Upper - estimate.Lower;

    /// <summary>Hidden reward rates per (context, choice); the logging policy favours one choice per context, the target another.</summary>
    private sealed class World
    {
        private readonly Random _random;
        private readonly double[,] _rates = new double[Contexts, Choices];
        private readonly int[] _logged = new int[Contexts];
        private readonly int[] _target = new int[Contexts];

        public World(int seed)
        {
            _random = new Random(seed);
            for (var context = 0; context < Contexts; context++)
            {
                for (var choice = 0; choice < Choices; choice++)
                {
                    _rates[context, choice] = 0.05 + (0.55 * _random.NextDouble());
                }

                _logged[context] = _random.Next(Choices);
                _target[context] = (_logged[context] + 1 + _random.Next(Choices - 1)) % Choices;
            }

            // Contexts are equally likely; the target policy is deterministic.
            for (var context = 0; context < Contexts; context++)
            {
                TrueTargetValue += _rates[context, _target[context]] / Contexts;
            }
        }

        public double TrueTargetValue { get; }

        public LoggedRound[] Log(int count, double modelBias)
        {
            var rounds = new LoggedRound[count];
            for (var i = 0; i < count; i++)
            {
                var context = _random.Next(Contexts);
                var choice = _random.NextDouble() < Epsilon ? _random.Next(Choices) : _logged[context];
                var probability = (choice == _logged[context] ? 1 - Epsilon : 0) + (Epsilon / Choices);
                var reward = _random.NextDouble() < _rates[context, choice] ? 1.0 : 0.0;
                var target = _target[context];
                rounds[i] = new LoggedRound(
                    probability,
                    reward,
                    choice == target ? 1 : 0,
                    _rates[context, choice] + modelBias,
                    _rates[context, target] + modelBias);
            }

            return rounds;
        }
    }

    [Fact]
    public void The_difference_counts_a_decision_once_however_many_slots_share_its_fate()
    {
        // Five slots per decision, every slot of a decision with the same reward: five copies of one sample. Later slots
        // have the logged probability, so each slot's chained weight is the first slot's, as each round's alone.
        var random = new Random(5);
        var target = new List<LoggedRound>();
        var baseline = new List<LoggedRound>();
        var targetAlone = new List<LoggedRound>();
        var baselineAlone = new List<LoggedRound>();
        for (var decision = 0; decision < 200; decision++)
        {
            var reward = random.NextDouble() < 0.5 ? 1.0 : 0.0;
            for (var slot = 0; slot < 5; slot++)
            {
                target.Add(new LoggedRound(0.5, reward, slot == 0 ? 0.6 : 0.5, 0, 0));
                baseline.Add(new LoggedRound(0.5, reward, slot == 0 ? 0.4 : 0.5, 0, 0));
                targetAlone.Add(new LoggedRound(0.5, reward, 0.6, 0, 0));
                baselineAlone.Add(new LoggedRound(0.5, reward, 0.4, 0, 0));
            }
        }

        var bySlot = OffPolicyEstimator.Difference(targetAlone.ToArray(), baselineAlone.ToArray());
        var byDecision = OffPolicyEstimator.Difference(target.ToArray(), baseline.ToArray(), Enumerable.Repeat(5, 200).ToArray());

        Assert.Equal(bySlot.Value, byDecision.Value, 12);
        var ratio = (byDecision.Upper - byDecision.Lower) / (bySlot.Upper - bySlot.Lower);
        Assert.InRange(ratio, 2.0, 2.5); // about the square root of 5
        Assert.Throws<ArgumentException>(() => OffPolicyEstimator.Difference(target.ToArray(), baseline.ToArray(), [5, 5]));
    }
}
