using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Catalog;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Visitors;

namespace Personalize.Storefront.Recommendations;

/// <summary>Asks the SDK for a placement's products, always with explanations, and logs the decision.</summary>
internal sealed class Recommender(IPersonalizer personalizer, ProductCatalog catalog, PendingDismissals dismissals, DecisionLog log)
{
    /// <summary>Ranks the whole catalog for the shopper.</summary>
    /// <param name="shopper">
    /// Who to rank for. Their preview arm, if any, is forced; a first request (no visitor cookie)
    /// is forced into the treatment, because a forced arm is never measured: a bot that never
    /// returns the cookie must not count as a new exposed visitor on every request.
    /// </param>
    /// <param name="placement">The SDK placement the page ranks for (see <see cref="Readiness.StorefrontPlacements"/>).</param>
    /// <param name="title">The row's heading, shown on the page and in the debug panel.</param>
    /// <param name="count">How many products.</param>
    /// <returns>The products with their reasons.</returns>
    public RecommendationSet Recommend(Shopper shopper, string placement, string title, int count) =>
        Recommend(shopper, placement, _ => title, count);

    /// <summary>Ranks the whole catalog for the shopper, for a row whose heading depends on the decision (see <see cref="RowTitles"/>).</summary>
    /// <param name="shopper">Who to rank for.</param>
    /// <param name="placement">The SDK placement the page ranks for.</param>
    /// <param name="title">The row's heading, written once the decision is known.</param>
    /// <param name="count">How many products.</param>
    /// <returns>The products with their reasons.</returns>
    public RecommendationSet Recommend(Shopper shopper, string placement, Func<Decision, string> title, int count)
    {
        // A dismissal in its undo window is hidden here: the SDK will hear of it only when the window closes.
        var held = dismissals.For(shopper);
        return Rank(shopper, placement, title, count, held.Count > 0 ? catalog.Products.Except(held).ToList() : null, held);
    }

    /// <summary>Ranks some products for the shopper.</summary>
    /// <param name="shopper">Who to rank for.</param>
    /// <param name="placement">The SDK placement the page ranks for.</param>
    /// <param name="title">The row's heading, shown on the page and in the debug panel.</param>
    /// <param name="count">How many products.</param>
    /// <param name="candidates">The products to choose from.</param>
    /// <returns>The products with their reasons, or null when none is left to show (the row is left out).</returns>
    public RecommendationSet? RecommendAmong(Shopper shopper, string placement, string title, int count, IEnumerable<Product> candidates) =>
        RecommendAmong(shopper, placement, _ => title, count, candidates);

    /// <summary>Ranks some products for the shopper, for a row whose heading depends on the decision.</summary>
    /// <param name="shopper">Who to rank for.</param>
    /// <param name="placement">The SDK placement the page ranks for.</param>
    /// <param name="title">The row's heading, written once the decision is known.</param>
    /// <param name="count">How many products.</param>
    /// <param name="candidates">The products to choose from.</param>
    /// <returns>
    /// The products with their reasons, or null when none is left to show (all of them held as "not
    /// interested", say): the SDK reads an empty candidate list as the whole catalog, so it is not asked.
    /// </returns>
    public RecommendationSet? RecommendAmong(Shopper shopper, string placement, Func<Decision, string> title, int count, IEnumerable<Product> candidates)
    {
        var held = dismissals.For(shopper);
        var shown = candidates.Except(held).ToList();
        return shown.Count == 0 ? null : Rank(shopper, placement, title, count, shown, held);
    }

    /// <summary>The reason of a card whose own reason named a held product, when popularity or trending placed it.</summary>
    public const string NonPersonalReason = "Popular right now";

    /// <summary>
    /// The reason a card shows. The SDK has not heard of a dismissal held in its undo window, so its
    /// reason may still cite the held product ("Because you viewed Bird feeder", "Often chosen after
    /// Bird feeder") while the store hides that product and says it was removed. Such a reason is
    /// replaced by one that is true of the card, from what placed it: "Because you like Garden" when
    /// the shopper's affinity for its shelf added to its score, "Popular right now" when popularity
    /// or trending did, else "More from Garden"; the first of those the row does not give already
    /// (like the SDK's reasons), and never a held product.
    /// </summary>
    /// <param name="explanation">The SDK's explanation of the card's item.</param>
    /// <param name="product">The product the card shows.</param>
    /// <param name="held">The shopper's dismissals still in their undo window.</param>
    /// <param name="given">The reasons the row gives, compared ignoring case; a replacement is added to it.</param>
    /// <returns>The reason to show.</returns>
    public static string ReasonFor(ItemExplanation explanation, Product product, IReadOnlyList<Product> held, ISet<string> given)
    {
        // Every reason that cites an item ends with its title: "Because you viewed X", "Often chosen after X", "Liked by people who liked X".
        if (!held.Any(item => Cites(explanation.Reason, item)))
        {
            return explanation.Reason;
        }

        bool Placed(string signal) => explanation.Contributions.Any(contribution => contribution.Signal == signal && contribution.Contribution > 0f);
        var replacements = new List<string>(3);
        if (Placed(BuiltInSignals.CategoryAffinity))
        {
            replacements.Add($"Because you like {product.Category.Name}");
        }

        if (Placed(BuiltInSignals.Popularity) || Placed(BuiltInSignals.Trending))
        {
            replacements.Add(NonPersonalReason);
        }

        replacements.Add($"More from {product.Category.Name}");
        return replacements.FirstOrDefault(given.Add) ?? replacements[0];
    }

    private static bool Cites(string reason, Product item) =>
        reason.EndsWith(item.Title, StringComparison.Ordinal)
        && (reason.Length == item.Title.Length || reason[reason.Length - item.Title.Length - 1] == ' ');

    private RecommendationSet Rank(Shopper shopper, string placement, Func<Decision, string> title, int count, List<Product>? candidates, IReadOnlyList<Product> held)
    {
        var decision = personalizer.Rank(new PersonalizationRequest(shopper.UserKey)
        {
            Placement = placement,
            Count = count,
            Explain = true,
            ForceArm = shopper.PreviewArm ?? (shopper.IsFirstRequest ? HoldoutArm.Treatment : null),
            Candidates = candidates is null ? default : candidates.Select(product => product.Key).ToArray(),
        });

        // Explanations come one per ranked item, in the decision's order.
        var reasons = decision.Explanation!.Items;
        var given = reasons.Select(explanation => explanation.Reason).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var items = decision.Items
            .Select((item, i) =>
            {
                var product = Find(item.ItemKey);
                return new Recommendation(product, ReasonFor(reasons[i], product, held, given));
            })
            .ToList();
        var set = new RecommendationSet(title(decision), decision, items);
        log.Add(set);
        return set;
    }

    private Product Find(string key) =>
        catalog.TryGetProduct(key, out var product) ? product : throw new InvalidOperationException($"The SDK ranked '{key}', which the store does not sell.");
}
