using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Decisions per second on 1 and 2 threads (1,000 candidates, six signals, top 10, 200 users).
/// Each operation is one decision; decisions per second = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int DecisionsPerInvoke = 4_096;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest[] _requests = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_services, _personalizer) = BenchmarkData.Warm(BenchmarkData.Catalog(1_000));
        _requests = [.. Enumerable.Range(0, 200).Select(u => new PersonalizationRequest($"user-{u}") { Count = 10 })];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(OperationsPerInvoke = DecisionsPerInvoke)]
    public void Decisions()
    {
        if (Threads == 1)
        {
            Decide(0, DecisionsPerInvoke);
            return;
        }

        var share = DecisionsPerInvoke / Threads;
        var workers = new Thread[Threads - 1];
        for (var t = 1; t < Threads; t++)
        {
            var first = t * share;
            workers[t - 1] = new Thread(() => Decide(first, share));
            workers[t - 1].Start();
        }

        Decide(0, share);
        foreach (var worker in workers)
        {
            worker.Join();
        }
    }

    private void Decide(int first, int count)
    {
        var destination = new RankedItem[10];
        for (var i = first; i < first + count; i++)
        {
            _personalizer.Rank(_requests[i % _requests.Length], destination, out _);
        }
    }
}
