namespace Personalize.Sdk.Reporting;

/// <summary>Computes lift reports from the SDK's in-memory exposure and outcome aggregates.</summary>
public interface ILiftReporter
{
    /// <summary>The report of one holdout.</summary>
    /// <param name="holdout">The holdout's name.</param>
    /// <param name="minimumDetectableEffect">The relative effect to size the experiment for (0.05 is 5%).</param>
    /// <returns>The report, computed now.</returns>
    /// <exception cref="ArgumentException">No holdout has that name, or the effect is not a positive, finite number.</exception>
    LiftReport GetReport(string holdout, double minimumDetectableEffect = 0.05);

    /// <summary>The reports of every configured holdout.</summary>
    /// <returns>One report per holdout, in configuration order.</returns>
    IReadOnlyList<LiftReport> GetReports();
}
