namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>One published test vector: inputs and the bucket each scheme must return.</summary>
/// <param name="Id">Stable id, e.g. "V01"; also the row id in VECTORS.md.</param>
/// <param name="Salt">Salt argument.</param>
/// <param name="UnitKey">Unit key argument.</param>
/// <param name="PersonalizeV1">Expected <c>BucketHashers.Default</c> bucket.</param>
/// <param name="PersonalizeV1Xxh3">XXH3-64 of the personalize-v1 input bytes (from libxxhash 0.8.1).</param>
/// <param name="PersonalizeV1Hex">The personalize-v1 input bytes as hex, written out by hand; null where they are built in code.</param>
/// <param name="GrowthBookV1">Expected <c>BucketHashers.GrowthBookV1</c> bucket.</param>
/// <param name="GrowthBookV2">Expected <c>BucketHashers.GrowthBookV2</c> bucket.</param>
/// <param name="Optimizely">Expected <c>BucketHashers.Optimizely</c> bucket.</param>
public sealed record PublishedVector(
    string Id,
    string Salt,
    string UnitKey,
    int PersonalizeV1,
    ulong PersonalizeV1Xxh3,
    string? PersonalizeV1Hex,
    int GrowthBookV1,
    int GrowthBookV2,
    int Optimizely);
