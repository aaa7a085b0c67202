namespace Personalize.Storefront.Tests.Browser;

/// <summary>
/// The browser tests share one live store and run one after another: one Chromium at a time is
/// enough for a small machine, and each test uses visitors of its own. They run after every other
/// test, alone: their fixed waits for a page are then not shared with the rest of the suite's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<LiveStorefront>
{
    public const string Name = "browser";
}
