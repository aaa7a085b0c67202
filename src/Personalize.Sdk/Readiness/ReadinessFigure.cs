namespace Personalize.Sdk.Reporting;

/// <summary>One readiness figure: what was observed, what it is compared with, and what to do about it.</summary>
/// <remarks>Compared by value: two figures are equal when every property is.</remarks>
public sealed class ReadinessFigure : IEquatable<ReadinessFigure>
{
    /// <summary>Creates a figure, for example for a hand-made <see cref="ReadinessReport"/> in a test.</summary>
    /// <param name="area">What part of the data it is about.</param>
    /// <param name="name">What it measures, e.g. "identity resolution" or "signal 'popularity'".</param>
    /// <param name="value">The observed value in <paramref name="unit"/>; null when nothing was observed.</param>
    /// <param name="unit">"ratio" (0.9 is 90%), "seconds" or "count".</param>
    /// <param name="display">The value as a person reads it, e.g. "92.5%" or "3.2 h".</param>
    /// <param name="threshold">The thresholds it was judged by, e.g. "ready &gt;= 90%, not ready &lt; 50%".</param>
    /// <param name="status">How it compares with them.</param>
    /// <param name="advice">One line on what to do; "No action needed." when it is ready.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="unit"/>, <paramref name="display"/>, <paramref name="threshold"/> or <paramref name="advice"/> is null.</exception>
    public ReadinessFigure(ReadinessArea area, string name, double? value, string unit, string display, string threshold, ReadinessStatus status, string advice)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(advice);
        Area = area;
        Name = name;
        Value = value;
        Unit = unit;
        Display = display;
        Threshold = threshold;
        Status = status;
        Advice = advice;
    }

    /// <summary>What part of the data it is about.</summary>
    public ReadinessArea Area { get; }

    /// <summary>What it measures, e.g. "identity resolution" or "signal 'popularity'".</summary>
    public string Name { get; }

    /// <summary>The observed value in <see cref="Unit"/>; null when nothing was observed.</summary>
    public double? Value { get; }

    /// <summary>"ratio" (0.9 is 90%), "seconds" or "count".</summary>
    public string Unit { get; }

    /// <summary>The value as a person reads it, e.g. "92.5%" or "3.2 h".</summary>
    public string Display { get; }

    /// <summary>The thresholds it was judged by, e.g. "ready &gt;= 90%, not ready &lt; 50%".</summary>
    public string Threshold { get; }

    /// <summary>How it compares with them.</summary>
    public ReadinessStatus Status { get; }

    /// <summary>One line on what to do; "No action needed." when it is ready.</summary>
    public string Advice { get; }

    /// <summary>Whether two instances are equal in every property (or both null).</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(ReadinessFigure? left, ReadinessFigure? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two instances differ in any property.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(ReadinessFigure? left, ReadinessFigure? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(ReadinessFigure? other) =>
        other is not null
        && Area == other.Area
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Nullable.Equals(Value, other.Value)
        && string.Equals(Unit, other.Unit, StringComparison.Ordinal)
        && string.Equals(Display, other.Display, StringComparison.Ordinal)
        && string.Equals(Threshold, other.Threshold, StringComparison.Ordinal)
        && Status == other.Status
        && string.Equals(Advice, other.Advice, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ReadinessFigure);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Area, Name, Value, Unit, Display, Threshold, Status, Advice);
}
