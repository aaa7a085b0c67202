using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>Looks hashers up by name so theories can take a plain, serializable string.</summary>
public static class Hashers
{
    /// <summary>Every built-in hasher.</summary>
    public static readonly IReadOnlyList<IBucketHasher> All =
    [
        BucketHashers.Default,
        BucketHashers.GrowthBookV1,
        BucketHashers.GrowthBookV2,
        BucketHashers.Optimizely,
    ];

    /// <summary>Hasher names as theory data.</summary>
    public static TheoryData<string> Names => [.. All.Select(h => h.Name)];

    /// <summary>The hasher with <paramref name="name"/>.</summary>
    public static IBucketHasher ByName(string name) => All.Single(h => h.Name == name);
}
