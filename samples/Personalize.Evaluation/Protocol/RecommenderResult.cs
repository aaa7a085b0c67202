using System.Text.Json.Serialization;
using Personalize.Evaluation.Metrics;

namespace Personalize.Evaluation.Protocol;

/// <summary>One row of the results.</summary>
/// <param name="Name">The recommender.</param>
/// <param name="Metrics">Its metrics on the test users.</param>
/// <param name="FitSeconds">Time to fit (for the SDK: to replay training through <c>Track</c>).</param>
/// <param name="EvaluateSeconds">Time to rank for every test user.</param>
/// <param name="SdkCounters">For the SDK, what it counted on its meter: events applied and rejected, decisions by variant.</param>
/// <param name="Users">Per-user detail, for breakdowns; not written to JSON.</param>
internal sealed record RecommenderResult(
    string Name,
    MetricSummary Metrics,
    double FitSeconds,
    double EvaluateSeconds,
    IReadOnlyDictionary<string, long>? SdkCounters,
    [property: JsonIgnore] UserResults? Users = null);
