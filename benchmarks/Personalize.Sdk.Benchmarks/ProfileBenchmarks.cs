using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What one profile costs: the Allocated column of <c>NewProfile</c> is the bytes per profile
/// (its tables are allocated once at full size and never grow). Baseline: an empty object.
/// </summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    [Benchmark(Baseline = true)]
    public object EmptyObject() => new();

    [Benchmark]
    public object NewProfile() => new UserProfile();
}
