namespace Personalize.Sdk.Reporting;

/// <summary>What one signal added to one item's score.</summary>
/// <remarks>A small value type with value equality (signal names compare ordinally).</remarks>
public readonly struct SignalContribution : IEquatable<SignalContribution>
{
    private readonly string? _signal;

    /// <summary>Creates a contribution, for example for a hand-made <see cref="ItemExplanation"/> in a test.</summary>
    /// <param name="signal">The signal's name.</param>
    /// <param name="weight">The signal's weight in the decision's variant.</param>
    /// <param name="value">The signal's value for the item, in [0, 1].</param>
    /// <exception cref="ArgumentNullException"><paramref name="signal"/> is null.</exception>
    public SignalContribution(string signal, float weight, float value)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _signal = signal;
        Weight = weight;
        Value = value;
    }

    /// <summary>The signal's name. Empty, never null, on a default instance.</summary>
    public string Signal => _signal ?? string.Empty;

    /// <summary>
    /// The signal's weight in this decision's variant; for an item a learning placement's learned
    /// weights ranked, the learned weight at the person's profile confidence.
    /// </summary>
    public float Weight { get; }

    /// <summary>The signal's value for the item, in [0, 1].</summary>
    public float Value { get; }

    /// <summary><see cref="Weight"/> times <see cref="Value"/>: the part of the score this signal gave.</summary>
    public float Contribution => Weight * Value;

    /// <summary>Whether two contributions are equal in signal, weight and value.</summary>
    /// <param name="left">One contribution.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(SignalContribution left, SignalContribution right) => left.Equals(right);

    /// <summary>Whether two contributions differ in signal, weight or value.</summary>
    /// <param name="left">One contribution.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(SignalContribution left, SignalContribution right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(SignalContribution other) =>
        string.Equals(Signal, other.Signal, StringComparison.Ordinal) && Weight.Equals(other.Weight) && Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SignalContribution other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Signal, Weight, Value);

    /// <summary>The contribution as text, for logs and test failures.</summary>
    /// <returns>For example <c>popularity 0.83 x 0.5</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Signal} {Weight} x {Value}");
}
