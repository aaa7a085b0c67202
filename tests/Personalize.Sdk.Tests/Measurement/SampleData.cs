using Personalize.Sdk.Measurement;

namespace Personalize.Sdk.Tests.Measurement;

/// <summary>Turns raw observations into the summaries the tests feed to the library.</summary>
internal static class SampleData
{
    /// <summary>Two-pass mean and sample variance, the reference the running aggregates are checked against.</summary>
    internal static SampleMoments TwoPass(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sumOfSquaredDeviations = values.Sum(v => (v - mean) * (v - mean));
        return new SampleMoments(values.Count, mean, sumOfSquaredDeviations / (values.Count - 1));
    }

    /// <summary>The running aggregates (Σx, Σx², n) the lift report keeps per arm.</summary>
    internal static SampleMoments ViaRunningSums(IReadOnlyList<double> values) =>
        SampleMoments.FromSums(values.Sum(), values.Sum(v => v * v), values.Count);
}
