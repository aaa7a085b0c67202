using Personalize.Sdk.Catalog;
using Personalize.Sdk.Placements;

namespace Personalize.Sdk.Readiness;

/// <summary>What one placement's readiness is judged on: its counters and the events' over the window, the catalog, the time.</summary>
internal sealed record ReadinessInput(PlacementPlan Plan, long[] Counters, long[] Events, CatalogSnapshot Catalog, DateTimeOffset Now);
