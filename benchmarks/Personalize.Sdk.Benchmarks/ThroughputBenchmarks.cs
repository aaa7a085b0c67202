using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Decisions and tracked events per second on 1 and 2 threads (1,000 candidates, six signals,
/// top 10, 200 users). Each operation is one decision or one event; per second = 1 / Mean.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int DecisionsPerInvoke = 4_096;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationRequest[] _requests = null!;
    private PersonalizationEvent[] _events = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_services, _personalizer) = BenchmarkData.Warm(BenchmarkData.Catalog(1_000));
        _requests = [.. Enumerable.Range(0, 200).Select(u => new PersonalizationRequest($"user-{u}") { Count = 10 })];

        // Views by 200 people of random items, in runs of one person: each thread tracks its own people, as requests do.
        var random = new Random(7);
        _events = [.. Enumerable.Range(0, DecisionsPerInvoke).Select(i => PersonalizationEvent.View($"user-{i * 200 / DecisionsPerInvoke}", $"item-{random.Next(1_000)}"))];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(OperationsPerInvoke = DecisionsPerInvoke)]
    public void Decisions() => OnThreads(Decide);

    [Benchmark(OperationsPerInvoke = DecisionsPerInvoke)]
    public void Events() => OnThreads(TrackRange);

    private void TrackRange(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            _personalizer.Track(_events[i]);
        }
    }

    private void OnThreads(Action<int, int> work)
    {
        if (Threads == 1)
        {
            work(0, DecisionsPerInvoke);
            return;
        }

        var share = DecisionsPerInvoke / Threads;
        var workers = new Thread[Threads - 1];
        for (var t = 1; t < Threads; t++)
        {
            var first = t * share;
            workers[t - 1] = new Thread(() => work(first, share));
            workers[t - 1].Start();
        }

        work(0, share);
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
