namespace Personalize.Storefront.Measurement;

/// <summary>The store's one holdout: 10% of visitors keep the default experience, so lift can be measured.</summary>
internal static class StorefrontHoldout
{
    public const string Name = "storefront-holdout";

    /// <summary>The control's share in basis points: 1,000 is 10%.</summary>
    public const int BasisPoints = 1_000;
}
