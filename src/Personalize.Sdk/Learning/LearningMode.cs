namespace Personalize.Sdk;

/// <summary>Whether, and how, a placement learns its mix of signals from what people do.</summary>
public enum LearningMode
{
    /// <summary>No learning: the configured weights serve, nothing is explored or logged.</summary>
    Off = 0,

    /// <summary>
    /// The configured weights serve (with <see cref="LearningOptions.ExplorationRate"/> exploration)
    /// while the learner learns and logs what it would have done
    /// (<see cref="Extensibility.LearningRecord.LearnedSlate"/>). The learned weights take over
    /// only when offline evaluation says they are better with confidence, and hand back if it later
    /// says they are worse.
    /// </summary>
    Apprentice = 1,

    /// <summary>
    /// The learned weights serve (with exploration) as soon as
    /// <see cref="LearningOptions.MinSettledDecisions"/> decisions were settled and learned from (a
    /// holdout's control decisions are only tallied, so they do not count): on this server and, with
    /// servers sharing their learning (the Redis package), on every server together, the others'
    /// as of the last exchange; the configured weights serve until then.
    /// </summary>
    Online = 2,
}
