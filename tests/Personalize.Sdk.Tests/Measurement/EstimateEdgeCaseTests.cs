using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Holdouts;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Measurement;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Xunit.Abstractions;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>Edge cases of the lift report's and the offline evaluation's estimates against what their docs claim.</summary>
public sealed class EstimateEdgeCaseTests(ITestOutputHelper output)
{
    /// <summary>
    /// Both arms hold identical data: every exposed unit bought once, at the same price. The
    /// revenue-per-unit difference is exactly 0, so Welch's p-value of "no difference" must be 1
    /// (WelchTTest's own doc: "variance 0 in both arms and equal means: t = 0, p = 1"), and the
    /// report must not call it significant.
    /// </summary>
    [Theory]
    [InlineData(10, 30, 19.99)]
    [InlineData(2, 6, 0.99)]
    public void Identical_arms_with_equal_revenue_per_unit_are_not_a_significant_revenue_difference(int control, int treatment, double price)
    {
        var report = Report(control, treatment, converted: (control, treatment), price, basisPoints: 2_500);

        output.WriteLine(report.ToTable());
        Assert.Equal(report.Control.ConversionRate, report.Treatment.ConversionRate);
        Assert.False(report.RevenuePerUnit.IsSignificant, $"identical arms (every unit bought once at {price}) reported a significant revenue difference, p = {report.RevenuePerUnit.PValue}");
    }

    /// <summary>
    /// PolicyEvaluation's remarks: at the default exploration rate (5%) few logged decisions explore and
    /// the effective sample size of a candidate's weights falls to a handful: in this simulator the
    /// self-normalised interval (empirical likelihood) covers the truth in 20 of these 20 runs, the
    /// doubly robust one in 17 (the delta method's self-normalised interval covered it in 7). This
    /// pins the self-normalised one at 18 or more and the doubly robust one at 16 or more.
    /// </summary>
    [Fact]
    public void At_the_default_exploration_rate_the_self_normalised_interval_covers_the_truth_in_at_least_18_of_20_runs()
    {
        const int Runs = 20;
        var epsilon = new LearningOptions().ExplorationRate;
        Assert.Equal(0.05, epsilon);
        float[] candidateWeights = [0.2f, 0.3f, 1.0f, 0.5f];
        var world = LearningWorld.Reversed(1);

        double truth;
        using (var served = world.Sdk(o => Logging(o, epsilon), weights: candidateWeights))
        {
            SimulatorTests.Learner(served).Random = new Random(424242);
            truth = world.Serve(served, trafficSeed: 777, decisions: 5_000, count: 1, batch: 1_000, expectedRewards: true).Mean(0, 5_000);
        }

        int selfNormalized = 0, robust = 0;
        for (var run = 0; run < Runs; run++)
        {
            using var sdk = world.Sdk(o => Logging(o, epsilon));
            SimulatorTests.Learner(sdk).Random = new Random(run);
            world.Serve(sdk, trafficSeed: 1_000 + run, decisions: 1_000, count: 1, batch: 100);
            var candidate = sdk.Services.GetRequiredService<ILearningReporter>().Evaluate(
                PersonalizationRequest.DefaultPlacement,
                LearningWorld.SignalNames.Select((name, s) => (name, candidateWeights[s])).ToDictionary(p => p.name, p => p.Item2))["candidate"];
            selfNormalized += candidate.SelfNormalized.Covers(truth) ? 1 : 0;
            robust += candidate.DoublyRobust.Covers(truth) ? 1 : 0;
            output.WriteLine($"run {run}: SNIPS {candidate.SelfNormalized}, DR {candidate.DoublyRobust}");
        }

        output.WriteLine($"truth {truth:F4}; covered: SNIPS {selfNormalized}/{Runs}, DR {robust}/{Runs}");
        Assert.True(selfNormalized >= 18 && robust >= 16, $"at exploration {epsilon} the intervals covered the truth {truth:F4} in SNIPS {selfNormalized}, DR {robust} of {Runs} runs");
    }

    /// <summary>
    /// EstimateInterval.Lower: "NaN when the estimate is, or when it rests on a single logged
    /// decision, which leaves its spread unknown." Here the evaluated policy makes the logged choice
    /// in exactly one of 50 decisions (effective sample size 1): self-normalised IPS is that one
    /// decision's reward, so its interval must be unknown (NaN), not zero wide.
    /// </summary>
    [Fact]
    public void Self_normalised_ips_resting_on_one_decision_has_no_interval_rather_than_a_zero_width_one()
    {
        var random = new Random(3);
        var rounds = new LoggedRound[50];
        for (var i = 0; i < rounds.Length; i++)
        {
            var matches = i == 17;
            rounds[i] = new LoggedRound(1.0, random.Next(2), matches ? 1.0 : 0.0, 0.4, 0.4);
        }

        var estimates = OffPolicyEstimator.Estimate(rounds);
        var selfNormalized = estimates.SelfNormalized;

        output.WriteLine($"SNIPS {selfNormalized}; DR {estimates.DoublyRobust}");
        Assert.Equal(1.0, selfNormalized.EffectiveSampleSize, precision: 12);
        Assert.True(
            double.IsNaN(selfNormalized.Lower) || selfNormalized.Upper > selfNormalized.Lower,
            $"self-normalised IPS from one decision reported [{selfNormalized.Lower}, {selfNormalized.Upper}]: a zero-width 95% interval");
    }

    private static void Logging(PersonalizationOptions options, double epsilon)
    {
        options.Learning.Mode = LearningMode.Apprentice;
        options.Learning.ExplorationRate = epsilon;
        options.Learning.MinSettledDecisions = 1_000_000;
    }

    /// <summary>A holdout of <paramref name="basisPoints"/> with the given exposed units per arm, of which the first <paramref name="converted"/> each buy once for <paramref name="price"/>.</summary>
    private static LiftReport Report(int control, int treatment, (int Control, int Treatment) converted, double price, int basisPoints)
    {
        var time = new FakeTimeProvider();
        var assigner = new HoldoutAssigner([new HoldoutOptions { Name = "review", Salt = "review", BasisPoints = basisPoints }]);
        var ledger = new MeasurementLedger(assigner, TimeSpan.FromDays(7), int.MaxValue, time);
        var ticks = time.GetUtcNow().UtcTicks;
        var u = 0;
        foreach (var (arm, count, buyers) in new[] { (HoldoutArm.Control, control, converted.Control), (HoldoutArm.Treatment, treatment, converted.Treatment) })
        {
            for (var i = 0; i < count; i++, u++)
            {
                ledger.RecordExposure(0, $"u{u}", arm, ticks);
                if (i < buyers)
                {
                    ledger.TryAttribute(0, $"u{u}", EventKind.Purchase, price, ticks, EventOrder.Dated, out _);
                }
            }
        }

        return ledger.GetReport("review");
    }
}
