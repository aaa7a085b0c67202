using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Extensibility;

/// <summary>What a signal provider or a guardrail may read about one decision: the profile, the catalog, the request.</summary>
/// <remarks>
/// Only the SDK makes a usable context, handing it to a signal or guardrail: a default instance
/// belongs to no decision, and each of its members that reads the profile, the catalog or the
/// statistics throws <see cref="InvalidOperationException"/> (<see cref="Request"/> and
/// <see cref="Now"/> are their defaults).
/// </remarks>
public readonly ref struct DecisionContext
{
    internal DecisionContext(
        CatalogSnapshot catalog,
        ProfileData profile,
        IItemStatistics statistics,
        DecisionScratch scratch,
        scoped in RequestContext request,
        DateTimeOffset now,
        double affinityHalfLifeTicks,
        long freshnessPeriodTicks)
    {
        Catalog = catalog;
        ProfileData = profile;
        Statistics = statistics;

        // Read once here: the score and the explanation of one decision use the same published table.
        SimilarItems = statistics.SimilarItems;
        Scratch = scratch;
        Request = request;
        Now = now;
        AffinityHalfLifeTicks = affinityHalfLifeTicks;
        FreshnessPeriodTicks = freshnessPeriodTicks;
    }

    /// <summary>What the host said about the request: channel, device, locale.</summary>
    public RequestContext Request { get; }

    /// <summary>The decision's time, by the SDK's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>
    /// Every item's popularity across all users, by item index, decayed by
    /// <see cref="PersonalizationOptions.PopularityHalfLife"/>: the input of the built-in
    /// <c>popularity</c> signal. The values are relative (proportional to the decayed popularity, on
    /// a scale that changes over time), so compare them only with each other within one decision;
    /// an index beyond the span has popularity 0. Read-only and allocation-free.
    /// </summary>
    public ReadOnlySpan<double> ItemPopularity => CheckedStatistics.Popularity;

    /// <summary>
    /// Every item's popularity across all users, by item index, decayed by the shorter
    /// <see cref="PersonalizationOptions.TrendHalfLife"/>: the input of the built-in <c>trending</c>
    /// signal. Relative values, like <see cref="ItemPopularity"/>: compare them only with each other
    /// within one decision; an index beyond the span has 0. Read-only and allocation-free.
    /// </summary>
    public ReadOnlySpan<double> ItemRecentPopularity => CheckedStatistics.RecentPopularity;

    /// <summary>
    /// How many of a user's most recent items (the last of <see cref="ProfileView.RecentItems"/>,
    /// which is oldest first) the next-step statistics link from, and the built-in <c>co-occurrence</c> signal reads.
    /// </summary>
    public static int LinkedRecentItems => ItemStatistics.LinkedRecentItems;

    /// <summary>
    /// The user's profile, as it was when the decision started, as the user's consent lets the
    /// decision see it: without <see cref="ConsentFlags.SensitiveCategories"/> consent, the affinities,
    /// stated likes and recent items of <see cref="GuardrailOptions.SensitiveCategories"/> (and the
    /// affinities and stated likes of their items' attributes) read as absent, while purchases,
    /// dismissals and stated dislikes stay.
    /// </summary>
    public ProfileView Profile => new(ProfileData ?? ThrowDefault<ProfileData>(), Catalog, Now.UtcTicks, AffinityHalfLifeTicks);

    internal CatalogSnapshot Catalog { get; }

    internal ProfileData ProfileData { get; }

    internal IItemStatistics Statistics { get; }

    /// <summary>The similar-items table published when the decision started: its signal and its reasons read this one.</summary>
    internal SimilarItemsTable SimilarItems { get; }

    internal DecisionScratch Scratch { get; }

    internal double AffinityHalfLifeTicks { get; }

    internal long FreshnessPeriodTicks { get; }

    /// <summary>
    /// What people went on to view, cart or buy right after <paramref name="itemIndex"/>, learnt
    /// across all users: the input of the built-in <c>co-occurrence</c> signal. The weights are
    /// relative (on a scale that changes over time), so compare them only with each other within
    /// one decision; a slot whose item is -1 is empty. Empty spans for an item without statistics.
    /// Read-only and allocation-free.
    /// </summary>
    /// <param name="itemIndex">An item index, for instance one of <see cref="ProfileView.RecentItems"/>.</param>
    /// <returns>The neighbours' item indices and their weights, slot by slot.</returns>
    /// <exception cref="InvalidOperationException">This is a default instance, not a decision's context.</exception>
    public ItemNeighbours GetNextStepNeighbours(int itemIndex)
    {
        var statistics = CheckedStatistics;
        if (itemIndex < 0)
        {
            return default;
        }

        var (items, weights) = statistics.NeighboursOf(itemIndex);
        return new ItemNeighbours(items.Span, weights.Span);
    }

    /// <summary>
    /// How many categories the decision's catalog has: category indices, from
    /// <see cref="GetCategoryIndex"/>, run from 0 to one less than this, so a signal can keep a table
    /// by category (the built-in <c>category-popularity</c> signal keeps each category's best candidate).
    /// </summary>
    public int CategoryCount => CheckedCatalog.CategorySpace;

    /// <summary>
    /// The index of an item's category in the decision's catalog, from 0 to
    /// <see cref="CategoryCount"/> - 1, or -1 for an uncategorised item: the grouping the built-in
    /// <c>category-popularity</c> signal uses. Indices hold for one decision only (a new catalog may
    /// number categories differently). Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>The category index, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    /// <exception cref="InvalidOperationException">This is a default instance, not a decision's context.</exception>
    public int GetCategoryIndex(int itemIndex)
    {
        var catalog = CheckedCatalog;
        if ((uint)itemIndex >= (uint)catalog.IndexSpace || catalog.GetItem(itemIndex) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "No catalog item has this index.");
        }

        return catalog.GetCategory(itemIndex);
    }

    /// <summary>The catalog item behind a candidate's item index.</summary>
    /// <param name="itemIndex">An index from the candidates span.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    /// <exception cref="InvalidOperationException">This is a default instance, not a decision's context.</exception>
    public CatalogItem GetItem(int itemIndex) =>
        CheckedCatalog.GetItem(itemIndex) ?? throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "No catalog item has this index.");

    /// <summary>The catalog, for a public member: a default context has none. A null test only, so the hot path stays fast.</summary>
    private CatalogSnapshot CheckedCatalog => Catalog ?? ThrowDefault<CatalogSnapshot>();

    private IItemStatistics CheckedStatistics => Statistics ?? ThrowDefault<IItemStatistics>();

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowDefault<T>() =>
        throw new InvalidOperationException("This DecisionContext is a default instance and belongs to no decision; use the context the SDK passes to a signal or guardrail.");
}
