using Personalize.Evaluation.BaselineTuning;
using Personalize.Evaluation.Protocol;

namespace Personalize.Evaluation.Reporting;

/// <summary>Everything a run of the harness produced.</summary>
/// <param name="Command">The command that produced it.</param>
/// <param name="Datasets">One report per evaluated data set.</param>
/// <param name="Tuning">What <c>--tune</c> found, over every data set of the run; null without <c>--tune</c>.</param>
/// <param name="BaselineTuning">What <c>--tune-baselines</c> found, per data set; null without it.</param>
internal sealed record EvaluationReport(string Command, IReadOnlyList<DatasetReport> Datasets, TuningReport? Tuning, BaselineTuningReport? BaselineTuning = null);
