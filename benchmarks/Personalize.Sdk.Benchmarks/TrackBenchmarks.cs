using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Benchmarks;

/// <summary>One event into a warm profile, against the cheapest thing a host could do instead: append it to a list.</summary>
[MemoryDiagnoser]
public class TrackBenchmarks
{
    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private PersonalizationEvent[] _events = null!;
    private List<PersonalizationEvent> _log = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(1_000);
        (_services, _personalizer) = BenchmarkData.Warm(catalog);
        var random = new Random(5);
        _events = [.. Enumerable.Range(0, 1024).Select(_ => PersonalizationEvent.View("user-7", catalog[random.Next(catalog.Length)].Key))];
        _log = new List<PersonalizationEvent>(1 << 20);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public void AppendToList()
    {
        if (_log.Count == _log.Capacity)
        {
            _log.Clear();
        }

        _log.Add(_events[_next++ & 1023]);
    }

    [Benchmark]
    public void Sdk_Track() => _personalizer.Track(_events[_next++ & 1023]);
}
