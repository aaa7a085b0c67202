using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

using Personalize.Sdk.Benchmarks;

// `propagation` measures cross-server propagation through Redis (real time, not BenchmarkDotNet).
// Optional: the flush and poll intervals in milliseconds, e.g. `propagation 1 1`.
if (args is ["propagation", .. var intervals])
{
    TimeSpan? Milliseconds(int i) => intervals.Length > i ? TimeSpan.FromMilliseconds(double.Parse(intervals[i], System.Globalization.CultureInfo.InvariantCulture)) : null;
    return await PropagationProbe.RunAsync(Milliseconds(0), Milliseconds(1));
}

// `recall` measures what a person held only in Redis costs: a recall's whole path and its one round trip (default 2,000 people x 10 events).
if (args is ["recall", .. var recalled])
{
    return await RecallProbe.RunAsync(recalled.Length > 0 ? int.Parse(recalled[0], System.Globalization.CultureInfo.InvariantCulture) : 2_000);
}

// `snapshot` measures writing a snapshot of the shared state and restarting from it (default 100,000 people x 10 views).
if (args is ["snapshot", .. var people])
{
    return await SnapshotProbe.RunAsync(people.Length > 0 ? int.Parse(people[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
}

// `snapshot-transfer` checks that large snapshots publish and read back within the default OperationTimeout (default 64, 256 and 512 MiB).
if (args is ["snapshot-transfer", .. var mebibytes])
{
    return await SnapshotTransferProbe.RunAsync(mebibytes.Length > 0 ? [.. mebibytes.Select(m => int.Parse(m, System.Globalization.CultureInfo.InvariantCulture))] : [64, 256, 512]);
}

// `memory` measures what many people cost in process memory (default 1,000,000 people x 10 views).
if (args is ["memory", .. var sizes])
{
    int Size(int i, int fallback) => sizes.Length > i ? int.Parse(sizes[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return MemoryProbe.Run(Size(0, 1_000_000), Size(1, 10));
}

// `similar-items` measures the item-to-item model's background cost (default: a UCI-sized catalogue).
if (args is ["similar-items", .. var shape])
{
    int Shape(int i, int fallback) => shape.Length > i ? int.Parse(shape[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    return SimilarItemsProbe.Run(Shape(0, 3_400), Shape(1, 4_000), Shape(2, 60));
}

// Every other argument goes to BenchmarkDotNet: --filter, --job dry, --exporters ... all work.
// Exits 1 when a benchmark failed to build or run, so CI's dry job catches a broken benchmark.
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
var failed = summaries.Where(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)).ToList();
foreach (var summary in failed)
{
    Console.Error.WriteLine($"failed: {summary.Title}");
}

return failed.Count == 0 ? 0 : 1;
