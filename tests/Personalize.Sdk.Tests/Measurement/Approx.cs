namespace Personalize.Sdk.Tests.Measurement;

/// <summary>Tolerance assertions that print both numbers when they fail.</summary>
internal static class Approx
{
    /// <summary>|actual - expected| ≤ tolerance·|expected| (exact match required when expected is 0).</summary>
    internal static void Relative(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, actual {actual:R}, relative error {error / Math.Abs(expected):E3} > {tolerance:E1}");
    }

    /// <summary>|actual - expected| ≤ tolerance.</summary>
    internal static void Absolute(double expected, double actual, double tolerance)
    {
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= tolerance,
            $"expected {expected:R}, actual {actual:R}, absolute error {error:E3} > {tolerance:E1}");
    }
}
