namespace Personalize.Storefront.Tests.Browser;

/// <summary>
/// The browser tests share one live store and run one after another: one Chromium at a time is
/// enough for a small machine, and each test uses visitors of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<LiveStorefront>
{
    public const string Name = "browser";
}
