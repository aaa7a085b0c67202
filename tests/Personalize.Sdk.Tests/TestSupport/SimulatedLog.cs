using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>One-slot decisions logged by a stochastic policy, for the off-policy estimators' simulations.</summary>
internal static class SimulatedLog
{
    /// <summary>
    /// <paramref name="count"/> rounds: each draws its choice from <paramref name="logging"/>, then a
    /// Bernoulli reward at that choice's <paramref name="rewardRates"/>, and is weighed by the
    /// choice's <paramref name="target"/> probability (the reward model's numbers are 0.5).
    /// </summary>
    public static LoggedRound[] Rounds(Random random, double[] logging, double[] target, double[] rewardRates, int count)
    {
        var rounds = new LoggedRound[count];
        for (var i = 0; i < count; i++)
        {
            var (u, a) = (random.NextDouble(), 0);
            for (var sum = logging[0]; u >= sum && a < logging.Length - 1; sum += logging[++a])
            {
            }

            rounds[i] = new LoggedRound(logging[a], random.NextDouble() < rewardRates[a] ? 1 : 0, target[a], 0.5, 0.5);
        }

        return rounds;
    }
}
