using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// Deciding and tracking with Redis attached, against the in-memory default in the same run: a warm
/// person is decided from memory, and tracking only enqueues the change for the journal. Starts
/// its own redis-server on a free loopback port (apt-get install redis-server).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RedisBenchmarks
{
    private RedisServer _redis = null!;
    private ServiceProvider _memoryServices = null!;
    private ServiceProvider _redisServices = null!;
    private IPersonalizer _memory = null!;
    private IPersonalizer _shared = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;
    private PersonalizationEvent[] _events = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisServer.StartAsync().GetAwaiter().GetResult();
        var catalog = BenchmarkData.Catalog(1_000);
        (_memoryServices, _memory) = BenchmarkData.Warm(catalog);
        (_redisServices, _shared) = BenchmarkData.Warm(catalog, attach: builder => builder.AddRedis(o =>
        {
            o.Configuration = _redis.Configuration;
            o.KeyPrefix = $"bench-{Guid.NewGuid():N}";
        }));
        _request = new PersonalizationRequest(BenchmarkData.User) { Count = 20 };
        _destination = new RankedItem[20];
        var random = new Random(5);
        _events = [.. Enumerable.Range(0, 1024).Select(_ => PersonalizationEvent.View(BenchmarkData.User, catalog[random.Next(catalog.Length)].Key))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _memoryServices.Dispose();
        _redisServices.Dispose();
        _redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Rank")]
    public int Rank_InMemory() => _memory.Rank(_request, _destination, out _);

    [Benchmark]
    [BenchmarkCategory("Rank")]
    public int Rank_WithRedis() => _shared.Rank(_request, _destination, out _);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Track")]
    public void Track_InMemory() => _memory.Track(_events[_next++ & 1023]);

    [Benchmark]
    [BenchmarkCategory("Track")]
    public void Track_WithRedis() => _shared.Track(_events[_next++ & 1023]);
}
