namespace Personalize.Sdk.Reporting;

/// <summary>One readiness figure: what was observed, what it is compared with, and what to do about it.</summary>
/// <param name="Area">What part of the data it is about.</param>
/// <param name="Name">What it measures, e.g. "identity resolution" or "signal 'popularity'".</param>
/// <param name="Value">The observed value in <paramref name="Unit"/>; null when nothing was observed.</param>
/// <param name="Unit">"ratio" (0.9 is 90%), "seconds" or "count".</param>
/// <param name="Display">The value as a person reads it, e.g. "92.5%" or "3.2 h".</param>
/// <param name="Threshold">The thresholds it was judged by, e.g. "ready &gt;= 90%, not ready &lt; 50%".</param>
/// <param name="Status">How it compares with them.</param>
/// <param name="Advice">One line on what to do; "No action needed." when it is ready.</param>
public sealed record ReadinessFigure(
    ReadinessArea Area,
    string Name,
    double? Value,
    string Unit,
    string Display,
    string Threshold,
    ReadinessStatus Status,
    string Advice);
