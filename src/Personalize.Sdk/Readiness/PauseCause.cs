namespace Personalize.Sdk.Readiness;

/// <summary>What made a placement pause.</summary>
internal enum PauseCause
{
    FallbackRate,
    CatalogAge,
}
