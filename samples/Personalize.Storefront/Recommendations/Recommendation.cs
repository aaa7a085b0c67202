using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Recommendations;

/// <summary>One recommended product and the sentence that says why.</summary>
/// <param name="Product">The product.</param>
/// <param name="Reason">The explanation's reason, for example "Because you viewed Burr grinder".</param>
internal sealed record Recommendation(Product Product, string Reason);
