using Personalize.Sdk;
using Personalize.Storefront.Catalog;

namespace Personalize.Storefront.Recommendations;

/// <summary>
/// The headings of the rows that promise something personal ("Recommended for you"): they make that
/// promise only when the decision may keep it. A new visitor's row is popular products that turn
/// personal as they browse, so it keeps the promise; with personalization off, in the holdout, or
/// whenever the SDK serves its default selection (paused, switched off, failed), the row is the
/// same for everyone, and its heading says so.
/// </summary>
internal static class RowTitles
{
    public static string Home(Decision decision) =>
        IsForEveryone(decision) ? "Popular with everyone" : "Recommended for you";

    public static string Shelf(Decision decision, Category category) =>
        IsForEveryone(decision) ? $"Popular in {category.Name}" : $"Picked for you in {category.Name}";

    private static bool IsForEveryone(Decision decision) =>
        decision.Reason is not (DecisionReason.Profile or DecisionReason.NoHistory or DecisionReason.LowConfidence or DecisionReason.LowIntent);
}
