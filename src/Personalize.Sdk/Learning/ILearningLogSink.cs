namespace Personalize.Sdk.Extensibility;

/// <summary>
/// Receives every settled decision of a learning placement: what the policy chose from, what it
/// showed with which probability, and the rewards that followed. Keep the records to evaluate
/// policies offline or to audit the learner.
/// </summary>
/// <remarks>
/// Called off the request path, on the learner's update, once per decision after its
/// <see cref="LearningOptions.RewardWaitTime"/>. A record holds no user key. A sink that throws is
/// counted and logged, and the learner goes on.
/// </remarks>
public interface ILearningLogSink
{
    /// <summary>Receives one settled decision.</summary>
    /// <param name="record">The decision, its probabilities and rewards.</param>
    void Write(LearningRecord record);
}
