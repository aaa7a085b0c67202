using Personalize.Sdk;

namespace Personalize.Storefront.Recommendations;

/// <summary>The recommendations of one placement on a page, with the decision behind them.</summary>
/// <param name="Placement">The row's heading on the page and in the debug panel ("Recommended for you").</param>
/// <param name="Decision">The SDK's decision, explained.</param>
/// <param name="Items">The products, best first.</param>
internal sealed record RecommendationSet(string Placement, Decision Decision, IReadOnlyList<Recommendation> Items);
