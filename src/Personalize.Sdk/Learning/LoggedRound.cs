namespace Personalize.Sdk.Learning;

/// <summary>
/// One logged decision, seen from a policy being evaluated: what the logging policy did (its
/// choice, the probability it gave that choice, the reward that followed) and what the evaluated
/// policy would have done (the probability it gives the same choice, and a reward model's
/// predictions).
/// </summary>
/// <param name="LoggedProbability">The probability with which the logging policy made the logged choice, in (0, 1].</param>
/// <param name="Reward">The reward observed for the logged choice.</param>
/// <param name="TargetProbability">The probability the evaluated policy gives the logged choice, in [0, 1].</param>
/// <param name="PredictedReward">The reward model's prediction for the logged choice.</param>
/// <param name="PredictedTargetValue">The reward model's expected reward under the evaluated policy: the sum over choices of its probability times the predicted reward.</param>
internal readonly record struct LoggedRound(double LoggedProbability, double Reward, double TargetProbability, double PredictedReward, double PredictedTargetValue);
