using Personalize.Evaluation.Learning;

namespace Personalize.Evaluation.Tests.Learning;

public sealed class CatalogueSoftmaxTests
{
    [Fact]
    public void The_fit_recovers_the_direction_of_a_planted_choice_model_from_a_prior_pointing_elsewhere()
    {
        // Users choose among 20 candidates with probability ∝ exp(3·x0 − 1.5·x1); the prior's centre says x1 only.
        var steps = PlantedSteps(new Random(11), count: 3000, [3, -1.5]);

        var fit = CatalogueSoftmax.Learn(steps, [0, 1]);

        Assert.InRange(fit.Theta[0], 2.4, 3.6);
        Assert.InRange(fit.Theta[1], -2.0, -1.0);
        Assert.True(CatalogueSoftmax.LogLikelihood(steps, fit.Theta) > CatalogueSoftmax.LogLikelihood(steps, [0, fit.Temperature]));
    }

    [Fact]
    public void With_the_truth_proportional_to_the_defaults_the_fit_stays_on_their_direction_at_the_fitted_temperature()
    {
        var steps = PlantedSteps(new Random(12), count: 3000, [2, 1]);

        var fit = CatalogueSoftmax.Learn(steps, [0.4, 0.2]);

        Assert.InRange(fit.Temperature, 4.0, 6.0); // 0.4 × 5 = 2
        Assert.InRange(fit.Theta[0] / fit.Theta[1], 1.6, 2.5);
    }

    [Fact]
    public void A_random_negative_stands_for_its_share_of_the_catalogue_in_the_partition_sum()
    {
        // One taken item (score 0) and one random negative (score 0) standing for 99 items: p = 1/100.
        CatalogueSoftmax.Step step = new([[0.0], [0.0]], [0, Math.Log(99)], Taken: 0);

        Assert.Equal(Math.Log(0.01), CatalogueSoftmax.LogLikelihood([step], [1.0]), 10);
    }

    private static List<CatalogueSoftmax.Step> PlantedSteps(Random random, int count, double[] truth)
    {
        var steps = new List<CatalogueSoftmax.Step>();
        for (var s = 0; s < count; s++)
        {
            var features = Enumerable.Range(0, 20).Select(_ => truth.Select(_ => random.NextDouble()).ToArray()).ToArray();
            var weights = features.Select(x => Math.Exp(x.Zip(truth, (a, b) => a * b).Sum())).ToArray();
            var draw = random.NextDouble() * weights.Sum();
            var taken = 0;
            while (taken < weights.Length - 1 && (draw -= weights[taken]) > 0)
            {
                taken++;
            }

            steps.Add(new(features, new double[features.Length], taken));
        }

        return steps;
    }
}
