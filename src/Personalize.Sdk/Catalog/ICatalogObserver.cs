namespace Personalize.Sdk.Catalog;

/// <summary>
/// Told of every catalog snapshot before anyone can decide on it, one at a time (under the
/// catalog's build lock), and of the current one when it starts observing: what it derives from
/// snapshots cannot miss one that no decision happened to read.
/// </summary>
internal interface ICatalogObserver
{
    /// <summary>Takes in <paramref name="snapshot"/>, about to become the current catalog (or already current, at the start).</summary>
    void Publishing(CatalogSnapshot snapshot);
}
