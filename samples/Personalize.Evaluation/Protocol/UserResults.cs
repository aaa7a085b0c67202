using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.Protocol;

/// <summary>A run's summary with its per-user detail.</summary>
/// <param name="Summary">The metrics.</param>
/// <param name="Scores">Each test user's metrics, in <see cref="PreparedData.Relevant"/> order.</param>
/// <param name="Segments">Each test user's segment, when the recommender has segments.</param>
internal sealed record UserResults(MetricSummary Summary, IReadOnlyList<UserScore> Scores, IReadOnlyList<string?>? Segments);
