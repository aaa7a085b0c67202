using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Personalize.Sdk.Catalog;
using Personalize.Sdk.Profiles;

namespace Personalize.Sdk.Extensibility;

/// <summary>
/// A read-only view of the user's profile for one decision, valid while the provider's call runs:
/// it reads the thread's copy of the profile, which the next decision on the thread refills with
/// another person's, so it is a ref struct that cannot be stored, boxed or captured.
/// </summary>
/// <remarks>
/// Only the SDK makes a usable view (<see cref="DecisionContext.Profile"/>): a default instance
/// views no profile, and every member of it, once its arguments are checked, throws
/// <see cref="InvalidOperationException"/>.
/// </remarks>
public readonly ref struct ProfileView
{
    private readonly ProfileData _data;
    private readonly CatalogSnapshot _catalog;
    private readonly long _nowTicks;
    private readonly double _halfLifeTicks;

    internal ProfileView(ProfileData data, CatalogSnapshot catalog, long nowTicks, double halfLifeTicks)
    {
        _data = data;
        _catalog = catalog;
        _nowTicks = nowTicks;
        _halfLifeTicks = halfLifeTicks;
    }

    /// <summary>Whether the SDK knows nothing about this user yet.</summary>
    public bool IsNew => Data.IsEmpty;

    /// <summary>How many events have been applied to this profile.</summary>
    public int EventCount => Data.EventCount;

    /// <summary>
    /// How far the profile can be trusted, from 0 (nothing known) to 1: grows with the number of
    /// events (1 - e^(-events/5)) and fades with the time since the last one (halving every
    /// affinity half-life).
    /// </summary>
    public double Confidence => Data.Confidence(_nowTicks, _halfLifeTicks);

    /// <summary>Whether the user complained, and when last.</summary>
    public DateTimeOffset? LastComplaint => Data.LastComplaintTicks == 0 ? null : new DateTimeOffset(Data.LastComplaintTicks, TimeSpan.Zero);

    /// <summary>When the user was first seen, or null for a new user.</summary>
    public DateTimeOffset? FirstSeen => Data.IsEmpty ? null : new DateTimeOffset(Data.FirstSeenTicks, TimeSpan.Zero);

    /// <summary>When the user was last seen, or null for a new user.</summary>
    public DateTimeOffset? LastSeen => Data.IsEmpty ? null : new DateTimeOffset(Data.LastSeenTicks, TimeSpan.Zero);

    /// <summary>The user's time-decayed affinity for a category: 0 when none, growing with engagement.</summary>
    /// <param name="category">The category's name as in the catalog.</param>
    /// <returns>The affinity at the decision's time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is null.</exception>
    public double GetCategoryAffinity(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return Catalog.TryGetCategoryId(category, out var id) ? Data.Categories.Get(id, _nowTicks, _halfLifeTicks) : 0;
    }

    /// <summary>
    /// The user's time-decayed affinity for an item's category, as <see cref="GetCategoryAffinity(string)"/>
    /// gives it but without a lookup by name: the input of the built-in <c>category-affinity</c>
    /// signal, which scores a candidate by this value's share of <see cref="TotalCategoryAffinity"/>
    /// (0 when the value is not positive). Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>The affinity at the decision's time; 0 for an item without a category.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    public double GetItemCategoryAffinity(int itemIndex)
    {
        CheckItem(itemIndex);
        var category = Catalog.GetCategory(itemIndex);
        return category >= 0 ? Data.Categories.Get(category, _nowTicks, _halfLifeTicks) : 0;
    }

    /// <summary>
    /// The sum of the user's positive time-decayed category affinities (negative ones, from
    /// dismissals or low ratings, are left out): 0 when the user engaged positively with no
    /// category. The built-in <c>category-affinity</c> signal divides by it. Allocation-free.
    /// </summary>
    public double TotalCategoryAffinity => PositiveSum(Data.Categories);

    /// <summary>
    /// The items the user touched most recently, as item indices, oldest first (so the newest is
    /// last), each at most once: the input of the built-in <c>co-occurrence</c> signal, which reads
    /// the newest <see cref="DecisionContext.LinkedRecentItems"/> of them. An index may no longer
    /// name a catalog item; check with <see cref="DecisionContext.GetItem"/> before reading one.
    /// Read-only and allocation-free.
    /// </summary>
    public ReadOnlySpan<int> RecentItems => Data.RecentItems.Items;

    /// <summary>
    /// When the user last bought the item, or null: the input of the built-in
    /// <c>recently-purchased</c> guardrail. Allocation-free.
    /// </summary>
    /// <param name="itemIndex">The item's index, as a guardrail or signal receives it.</param>
    /// <returns>The time of the latest purchase the profile still holds (the newest few), or null.</returns>
    public DateTimeOffset? GetPurchaseTime(int itemIndex) =>
        Data.Purchases.Find(itemIndex) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// When the user dismissed the item (<see cref="EventKind.Dismiss"/>), or null: the input of the
    /// built-in <c>dismissed</c> guardrail. Allocation-free.
    /// </summary>
    /// <param name="itemIndex">The item's index, as a guardrail or signal receives it.</param>
    /// <returns>The time of the dismissal, or null when the user never dismissed it.</returns>
    public DateTimeOffset? GetDismissalTime(int itemIndex) =>
        Data.Dismissed.Find(itemIndex) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// The item's current show count when that count began less than <paramref name="window"/>
    /// before the decision's time; otherwise 0: the input of the built-in <c>frequency-cap</c>
    /// guardrail, which passes <see cref="GuardrailOptions.FrequencyCapWindow"/>. Allocation-free.
    /// </summary>
    /// <remarks>
    /// This is not the number of showings inside a sliding window. The SDK counts an item's showings
    /// from a showing on: a count begins at 1 at a showing and grows by one with each later showing,
    /// until the user engages with the item (a view, click, add-to-cart, purchase or rating of it;
    /// neither a dismissal nor a complaint ends it), which ends the count, or until a showing comes <see cref="GuardrailOptions.FrequencyCapWindow"/> or more
    /// after the count began, which begins a new count at 1. When an anonymous visitor's profile is
    /// folded into their account's at sign-in, two counts of an item whose windows are both still
    /// open add up and keep the earlier beginning; otherwise the count still open is kept, or, when
    /// neither is, the newer one. Showings are counted only by a decision that records (not a preview), made for a
    /// user who consented to personalization, on a placement where the built-in <c>frequency-cap</c>
    /// guardrail or any custom guardrail is enabled (globally and for the placement): a custom
    /// guardrail can replace the cap, but a placement whose only guardrails are the other built-ins
    /// counts nothing, so a signal reading this there sees 0. Counts are kept
    /// for at most 32 items (see <see cref="GuardrailOptions.FrequencyCap"/>). So this method returns
    /// every showing counted since the current count began (even one before <paramref name="window"/>
    /// when the count began inside it, never one before the count began), or 0 when the count began
    /// <paramref name="window"/> or longer ago, or the item has no count.
    /// </remarks>
    /// <param name="itemIndex">The item's index, as a guardrail or signal receives it.</param>
    /// <param name="window">How recently the count must have begun to be returned, such as <see cref="GuardrailOptions.FrequencyCapWindow"/>; zero returns 0.</param>
    /// <returns>The showings counted since the item's current count began, or 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public int GetShowCount(int itemIndex, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        var shows = Data.Shows;
        for (var slot = 0; slot < shows.Count; slot++)
        {
            if (shows.ItemAt(slot) == itemIndex)
            {
                return shows.ShowsAt(slot, _nowTicks, window.Ticks);
            }
        }

        return 0;
    }

    /// <summary>
    /// The user's strongest time-decayed affinity among an item's attributes (each <c>name=value</c>
    /// pair, such as <c>brand=Acme</c>): the input of the built-in <c>attribute-affinity</c> signal,
    /// which scores a candidate by this value's share of <see cref="TotalAttributeAffinity"/>.
    /// Attributes the user turned away from (negative affinity) count as 0. Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>The greatest positive affinity at the decision's time; 0 when the user engaged positively with none of the item's attributes.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    public double GetItemAttributeAffinity(int itemIndex)
    {
        CheckItem(itemIndex);
        var best = 0d;
        foreach (var attribute in Catalog.GetAttributes(itemIndex))
        {
            best = Math.Max(best, Data.Attributes.Get(attribute, _nowTicks, _halfLifeTicks));
        }

        return best;
    }

    /// <summary>
    /// The sum of the user's positive time-decayed attribute affinities (negative ones are left out):
    /// 0 when the user engaged positively with no attribute. The built-in <c>attribute-affinity</c>
    /// signal divides by it. Allocation-free.
    /// </summary>
    public double TotalAttributeAffinity => PositiveSum(Data.Attributes);

    /// <summary>
    /// Whether the user stated a like about the item's category or any of its attributes: the input
    /// of the built-in <c>stated-preference</c> signal, which scores such an item 1. Stated
    /// preferences do not decay. Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>True when a stated like covers the item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    public bool IsStatedLike(int itemIndex) => MatchesStatement(itemIndex, sign: 1);

    /// <summary>
    /// Whether the user stated a dislike about the item's category or any of its attributes: the
    /// input of the built-in <c>stated-dislike</c> guardrail (<see cref="BuiltInGuardrails.StatedDislike"/>), which removes such an item. An item
    /// can be both liked and disliked (say, a liked category and a disliked brand). Allocation-free.
    /// </summary>
    /// <param name="itemIndex">A candidate's item index.</param>
    /// <returns>True when a stated dislike covers the item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="itemIndex"/> is not an item of this decision's catalog.</exception>
    public bool IsStatedDislike(int itemIndex) => MatchesStatement(itemIndex, sign: -1);

    private static double PositiveSum(in DecayedTable table, long nowTicks, double halfLifeTicks)
    {
        var sum = 0d;
        for (var slot = 0; slot < table.Count; slot++)
        {
            var value = table.ValueAt(slot, nowTicks, halfLifeTicks);
            if (value > 0)
            {
                sum += value;
            }
        }

        return sum;
    }

    private double PositiveSum(in DecayedTable table) => PositiveSum(in table, _nowTicks, _halfLifeTicks);

    private bool MatchesStatement(int itemIndex, int sign)
    {
        CheckItem(itemIndex);
        var preferences = Data.Preferences;
        if (preferences.Count == 0)
        {
            return false;
        }

        var category = Catalog.GetCategory(itemIndex);
        if (category >= 0 && preferences.SignFor(isAttribute: false, category) == sign)
        {
            return true;
        }

        foreach (var attribute in Catalog.GetAttributes(itemIndex))
        {
            if (preferences.SignFor(isAttribute: true, attribute) == sign)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The profile read; a default view has none. A null test only, so the hot path stays fast.</summary>
    private ProfileData Data => _data ?? ThrowNoProfile<ProfileData>();

    private CatalogSnapshot Catalog => _catalog ?? ThrowNoProfile<CatalogSnapshot>();

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowNoProfile<T>() =>
        throw new InvalidOperationException("This ProfileView is a default instance and views no profile; read the profile through DecisionContext.Profile.");

    private void CheckItem(int itemIndex)
    {
        if ((uint)itemIndex >= (uint)Catalog.IndexSpace || Catalog.GetItem(itemIndex) is null)
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "No catalog item has this index.");
        }
    }
}
