namespace Personalize.Sdk.Extensibility;

/// <summary>
/// Receives every settled decision a learning placement served by its configured or learned
/// weights (<see cref="LearningRecord.Policy"/> <c>default</c> or <c>learned</c>): what the policy
/// chose from, what it showed with which probability, and the rewards that followed. Keep the
/// records to evaluate policies offline or to audit the learner.
/// </summary>
/// <remarks>
/// <para>
/// Decisions of a holdout's control arm are settled too, and their rewards tallied in the report
/// as the <c>control</c> policy, but they are never written here: no learning policy chose them,
/// and only what they showed is kept, without features, so an offline evaluation could not use
/// them. Decisions never logged for learning (see <see cref="LearningOptions"/>: previews, QA
/// overrides, people without consent, low-intent requests) are not written either.
/// </para>
/// <para>
/// Called off the request path, on the learner's update, once per decision after its
/// <see cref="LearningOptions.RewardWaitTime"/>. A record holds no user key. A sink that throws is
/// counted (<c>personalize.learning.sink_faults</c>, on the <c>Personalize.Sdk</c> meter) and logged,
/// and the learner goes on.
/// </para>
/// </remarks>
public interface ILearningLogSink
{
    /// <summary>Receives one settled decision.</summary>
    /// <param name="record">The decision, its probabilities and rewards.</param>
    void Write(LearningRecord record);
}
