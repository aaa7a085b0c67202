namespace Personalize.Sdk.Learning;

/// <summary>
/// One logged slot (a round), seen from a policy being evaluated: what the logging policy did (its
/// choice, the probability it gave that choice given the slots before, the reward that followed)
/// and what the evaluated policy would have done after the same logged slots (the probability it
/// gives the same choice, and a reward model's predictions). The estimator chains the rounds of
/// one decision: a slot's importance weight is the product of the ratios of its slot and those
/// before it.
/// </summary>
/// <param name="LoggedProbability">The probability with which the logging policy made the logged choice, given the logged slots before, in (0, 1].</param>
/// <param name="Reward">The reward observed for the logged choice.</param>
/// <param name="TargetProbability">The probability the evaluated policy gives the logged choice after the logged slots before it, in [0, 1].</param>
/// <param name="PredictedReward">The reward model's prediction for the logged choice.</param>
/// <param name="PredictedTargetValue">The reward model's expected reward in this slot under the evaluated policy after the logged slots before it: the sum over choices of its probability times the predicted reward.</param>
/// <param name="PredictedOwnValue">The reward model's expected reward in this slot of the evaluated policy's own slate (it filled the slots before too): what the direct method averages.</param>
internal readonly record struct LoggedRound(double LoggedProbability, double Reward, double TargetProbability, double PredictedReward, double PredictedTargetValue, double PredictedOwnValue)
{
    /// <summary>A round whose slot is the first of its slate (or one of one), where the evaluated policy's own slot and the logged prefix's coincide.</summary>
    public LoggedRound(double loggedProbability, double reward, double targetProbability, double predictedReward, double predictedTargetValue)
        : this(loggedProbability, reward, targetProbability, predictedReward, predictedTargetValue, predictedTargetValue)
    {
    }
}
