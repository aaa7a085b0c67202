using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// A second ratio column beside BenchmarkDotNet's own: each case's mean over the mean of
/// <paramref name="method"/> with the same parameters, in the same run. So one class reads against
/// two references at once (its <c>Baseline</c> in the Ratio column, and this one).
/// </summary>
/// <param name="method">The benchmark method every case is divided by.</param>
internal sealed class RatioToColumn(string method) : IColumn
{
    public string Id => $"{nameof(RatioToColumn)}.{method}";

    public string ColumnName => $"/ {method}";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"Mean over {method}'s mean with the same parameters, in the same run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var reference = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.WorkloadMethod.Name == method
            && other.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo
            && other.Job == benchmarkCase.Job);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var referenceMean = reference is null ? null : summary[reference]?.ResultStatistics?.Mean;
        return mean is { } value && referenceMean is > 0
            ? (value / referenceMean.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x"
            : "?";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
