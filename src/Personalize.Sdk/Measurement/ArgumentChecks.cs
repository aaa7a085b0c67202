namespace Personalize.Sdk.Measurement;

/// <summary>
/// Shared argument checks. They reject only impossible input (corrupt aggregates); small, zero or
/// missing data are not errors and are reported by each caller as "insufficient data".
/// </summary>
internal static class ArgumentChecks
{
    /// <summary>Throws when counts are negative or conversions exceed units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The counts are impossible.</exception>
    internal static void ConversionCounts(long conversions, long units, string conversionsName, string unitsName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units, unitsName);
        ArgumentOutOfRangeException.ThrowIfNegative(conversions, conversionsName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(conversions, units, conversionsName);
    }

    /// <summary>Throws when a variance is negative; NaN (unknown variance) is allowed through.</summary>
    /// <remarks>
    /// Not ThrowIfNegative: double.NaN carries a sign bit, so that helper would reject it.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The variance is below zero.</exception>
    internal static void Variance(double variance, string name)
    {
        if (variance < 0.0)
        {
            throw new ArgumentOutOfRangeException(name, variance, "A variance cannot be negative.");
        }
    }
}
