namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>Page tests share one app: each uses its own visitors, and asserts nothing that other visitors could change.</summary>
[CollectionDefinition(Name)]
public sealed class StorefrontCollection : ICollectionFixture<StorefrontFactory>
{
    public const string Name = "storefront";
}
