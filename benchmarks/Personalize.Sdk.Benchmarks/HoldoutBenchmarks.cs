using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Holdouts;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// One holdout assignment. Baseline: SHA-256 of salt + "." + key read as a big-endian integer,
/// as some experimentation SDKs bucket.
/// </summary>
[MemoryDiagnoser]
public class HoldoutBenchmarks
{
    private const string Salt = "home-holdout-2026";
    private const string Key = "user-1234567";

    private readonly HoldoutAssigner _assigner = new([new HoldoutOptions { Name = "home", Salt = Salt, BasisPoints = 1_000 }]);

    [Benchmark(Baseline = true)]
    public int Sha256BigEndian()
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(Salt + "." + Key));
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(digest) % BucketHashers.BucketCount);
    }

    [Benchmark]
    public HoldoutAssignment Sdk_Assign() => _assigner.Assign("home", Key);

    [Benchmark]
    public int Default_GetBucket() => BucketHashers.Default.GetBucket(Salt, Key);

    [Benchmark]
    public int GrowthBookV2_GetBucket() => BucketHashers.GrowthBookV2.GetBucket(Salt, Key);

    [Benchmark]
    public int Optimizely_GetBucket() => BucketHashers.Optimizely.GetBucket(Salt, Key);
}
