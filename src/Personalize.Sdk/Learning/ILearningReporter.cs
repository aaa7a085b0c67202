namespace Personalize.Sdk.Reporting;

/// <summary>What each learning placement has learned, and counterfactual estimates of policies from its logs.</summary>
public interface ILearningReporter
{
    /// <summary>The learning state of every placement whose <see cref="LearningMode"/> is not <see cref="LearningMode.Off"/>.</summary>
    /// <returns>The report, computed now.</returns>
    LearningReport GetReport();

    /// <summary>
    /// Estimates, from the placement's settled decisions in memory, the mean reward in the first slot
    /// of the configured weights, the learned weights, a uniformly random policy (under the same
    /// category cap) and, when given, a candidate weight set, each served with the same exploration.
    /// </summary>
    /// <remarks>
    /// The first slot is the one every policy fills itself; what a policy earns below it depends on
    /// what it showed above, which the logs do not hold for a policy other than the one that
    /// served (see <see cref="PolicyEvaluation"/>). With one-slot decisions it is the policy's mean
    /// reward.
    /// A decision logs the values of the signals its placement computed when it was made: those its
    /// weights in force then (personalized or cold start) weighed; a reload that weighs a signal in
    /// or out changes that for the decisions after it. So a candidate is evaluated over the
    /// decisions in memory that computed every signal it weighs (a weight other than 0), and, for a
    /// like-for-like comparison, so are the configured, learned and random policies of that
    /// evaluation: <see cref="PolicyEvaluation.Decisions"/> counts them. Without candidate weights,
    /// every decision in memory is evaluated.
    /// </remarks>
    /// <param name="placement">A placement that learns.</param>
    /// <param name="candidateWeights">Weights by signal name to evaluate as well (a signal left out weighs 0), or null.</param>
    /// <returns>
    /// The evaluation, computed now, with every interval at <see cref="LearningOptions.TakeoverConfidence"/>
    /// (<see cref="PolicyEvaluation.Confidence"/>), the confidence at which the takeover rule hands back;
    /// with no settled decision (that computed the candidate's signals) every estimate is NaN.
    /// </returns>
    /// <exception cref="ArgumentException">The placement does not learn, or a weight names no signal, is not finite, or weighs a signal the placement does not compute: no decision in memory computed it, and its weights in force now do not weigh it (no configured weight).</exception>
    PolicyEvaluation Evaluate(string placement, IReadOnlyDictionary<string, float>? candidateWeights = null);
}
