using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What one profile costs before its first event: the Allocated column of <c>NewProfile</c> (its
/// tables take memory as entries arrive; see the <c>memory</c> probe for people with history).
/// Baseline: an empty object.
/// </summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    [Benchmark(Baseline = true)]
    public object EmptyObject() => new();

    [Benchmark]
    public object NewProfile() => new UserProfile();
}
