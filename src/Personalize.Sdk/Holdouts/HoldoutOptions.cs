using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk;

/// <summary>
/// One holdout: a stable share of units kept on the default experience, to measure lift against.
/// A unit is in control when its bucket falls in [<see cref="BucketStart"/>, <see cref="BucketStart"/> + <see cref="BasisPoints"/>).
/// </summary>
public sealed class HoldoutOptions
{
    /// <summary>The holdout's unique name, shown on decisions and in measurement.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// The salt mixed into the hash. Different salts make holdouts independent; never change it
    /// while the holdout runs, or everyone is reshuffled. Holdouts in one layer must be given one salt.
    /// </summary>
    /// <value>Required: an empty salt fails at start-up. <see cref="Microsoft.Extensions.DependencyInjection.PersonalizationBuilder.AddHoldout"/> sets the holdout's name when it is given none.</value>
    public string Salt { get; set; } = string.Empty;

    /// <summary>The share of units in control, in basis points: 1,000 is 10%. Raising it only moves units from treatment into control.</summary>
    /// <value>Allowed: 0 to 10,000.</value>
    public int BasisPoints { get; set; }

    /// <summary>
    /// The first bucket of the control range. Holdouts in one layer take disjoint ranges of the
    /// layer's buckets, which makes them mutually exclusive.
    /// </summary>
    /// <value>The default is 0. <see cref="BucketStart"/> + <see cref="BasisPoints"/> must not exceed 10,000.</value>
    public int BucketStart { get; set; }

    /// <summary>
    /// The hashing scheme, known by its <see cref="IBucketHasher.Name"/> (two hashers with one name are
    /// one scheme); pick a vendor's scheme to bucket exactly as that vendor's SDKs do.
    /// </summary>
    /// <value>The default is <see cref="BucketHashers.Default"/>.</value>
    public IBucketHasher Hasher { get; set; } = BucketHashers.Default;

    /// <summary>
    /// The layer, for mutually exclusive holdouts: holdouts in one layer share the salt and hasher name
    /// and must not overlap. Holdouts in different layers (or none) are independent.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no layer.</value>
    public string? Layer { get; set; }

    /// <summary>A holdout as the builders' <c>AddHoldout</c> describes it: the salt defaults to the name, the hasher to <see cref="BucketHashers.Default"/>.</summary>
    internal static HoldoutOptions Create(string name, int basisPoints, string? salt, IBucketHasher? hasher, string? layer, int bucketStart) => new()
    {
        Name = name,
        BasisPoints = basisPoints,
        Salt = salt ?? name,
        Hasher = hasher ?? BucketHashers.Default,
        Layer = layer,
        BucketStart = bucketStart,
    };
}
