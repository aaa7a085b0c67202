using Personalize.Sdk;

namespace Personalize.Evaluation.Data;

/// <summary>A loaded interaction log with its catalog.</summary>
/// <param name="Name">The data set's folder name, for example <c>uci-online-retail</c>.</param>
/// <param name="Catalog">Every item the log mentions, mapped to the SDK's catalog type.</param>
/// <param name="Interactions">The positive interactions in time order (ties keep file order).</param>
/// <param name="EventKind">The SDK event kind each interaction is replayed as.</param>
internal sealed record Dataset(string Name, IReadOnlyList<CatalogItem> Catalog, IReadOnlyList<Interaction> Interactions, EventKind EventKind);
