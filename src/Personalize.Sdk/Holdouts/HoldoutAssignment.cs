namespace Personalize.Sdk;

/// <summary>Where one unit landed in one holdout.</summary>
/// <remarks>A small value type with value equality (holdout names compare ordinally).</remarks>
public readonly struct HoldoutAssignment : IEquatable<HoldoutAssignment>
{
    private readonly string? _holdout;

    /// <summary>Creates an assignment, for example in a test fake of <see cref="IPersonalizer"/>.</summary>
    /// <param name="holdout">The holdout's name.</param>
    /// <param name="arm">The unit's arm.</param>
    /// <param name="bucket">The unit's bucket in [0, 10000) under the holdout's salt and hasher.</param>
    /// <param name="isForced">Whether a QA override chose the arm.</param>
    /// <exception cref="ArgumentNullException"><paramref name="holdout"/> is null.</exception>
    public HoldoutAssignment(string holdout, HoldoutArm arm, int bucket, bool isForced)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        _holdout = holdout;
        Arm = arm;
        Bucket = bucket;
        IsForced = isForced;
    }

    /// <summary>The holdout's name. Empty, never null, on a default instance.</summary>
    public string Holdout => _holdout ?? string.Empty;

    /// <summary>Whether this is a default instance, made by no constructor: it names no holdout.</summary>
    internal bool IsDefault => _holdout is null;

    /// <summary>The unit's arm.</summary>
    public HoldoutArm Arm { get; }

    /// <summary>
    /// The unit's bucket in [0, 10000) under the holdout's salt and hasher; -1 when the holdout's
    /// hasher threw or returned a bucket outside that range, in which case the arm is
    /// <see cref="HoldoutArm.Treatment"/> (unless forced) and the unit is not measured in that holdout.
    /// </summary>
    public int Bucket { get; }

    /// <summary>Whether a QA override chose the arm (<see cref="PersonalizationRequest.ForceArm"/>); forced decisions are never measured.</summary>
    public bool IsForced { get; }

    /// <summary>Whether two assignments are equal in every property.</summary>
    /// <param name="left">One assignment.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(HoldoutAssignment left, HoldoutAssignment right) => left.Equals(right);

    /// <summary>Whether two assignments differ in any property.</summary>
    /// <param name="left">One assignment.</param>
    /// <param name="right">The other.</param>
    /// <returns>True when they differ.</returns>
    public static bool operator !=(HoldoutAssignment left, HoldoutAssignment right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(HoldoutAssignment other) =>
        string.Equals(Holdout, other.Holdout, StringComparison.Ordinal) && Arm == other.Arm && Bucket == other.Bucket && IsForced == other.IsForced;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HoldoutAssignment other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Holdout, Arm, Bucket, IsForced);

    /// <summary>The assignment as text, for logs and test failures.</summary>
    /// <returns>For example <c>site: Treatment (bucket 4711)</c>.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Holdout}: {Arm} (bucket {Bucket}{(IsForced ? ", forced" : string.Empty)})");
}
