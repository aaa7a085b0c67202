using System.ComponentModel.DataAnnotations;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk;

/// <summary>Settings of the built-in guardrails and policies.</summary>
public sealed class GuardrailOptions
{
    /// <summary>
    /// How long a bought item is not recommended to its buyer. A profile keeps its last 256
    /// purchases; past them the oldest goes (counted in <c>personalize.profiles.purchases_dropped</c>),
    /// even inside this window.
    /// </summary>
    /// <value>The default is 30 days. Must be positive.</value>
    public TimeSpan RecentPurchaseWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Categories bought again and again (coffee, printer ink), each with the interval after which
    /// a bought item of that category may be recommended again, overriding <see cref="RecentPurchaseWindow"/>.
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, TimeSpan> ReplenishableCategories { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>How long after a complaint no promotional item (<see cref="CatalogItem.IsPromotional"/>) is shown.</summary>
    /// <value>The default is 14 days. Must be positive.</value>
    public TimeSpan ComplaintSuppression { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How many times an item may be shown to a user without engagement within <see cref="FrequencyCapWindow"/> before it rests.</summary>
    /// <remarks>
    /// Showings are counted for at most 32 items per person (the table takes its full size at the
    /// first showing). When a 33rd item is shown, the item whose count started longest ago (one
    /// whose window has ended, if any) is forgotten; shown again, it counts from 1. So a person
    /// shown more than 32 different items within one window can see an item more often than this.
    /// Showings are counted in the person's profile, so only once the SDK holds one for them (from
    /// their first tracked event on): a visitor it knows nothing about is not capped.
    /// </remarks>
    /// <value>The default is 5. Must be positive.</value>
    [Range(1, int.MaxValue)]
    public int FrequencyCap { get; set; } = 5;

    /// <summary>The window of <see cref="FrequencyCap"/>: counting starts at an item's first showing and resets when it ends or the user engages.</summary>
    /// <value>The default is 1 day. Must be positive.</value>
    public TimeSpan FrequencyCapWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Categories whose affinity is never used to rank unless the user consented to <see cref="ConsentFlags.SensitiveCategories"/>:
    /// without that consent a decision drops their category affinities, stated likes and recent items (and any
    /// recent item that has left the catalog, whose category it can no longer tell), and the affinities and stated
    /// likes of every attribute any of their items has (an attribute other items share too, such as a brand, is
    /// dropped with them). Purchases,
    /// dismissals and stated dislikes stay, so their guardrails still protect the user (a removal's reason then does
    /// not name the category).
    /// </summary>
    /// <value>The default is empty. A null or empty entry fails the start.</value>
    public ISet<string> SensitiveCategories { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Names of built-in or custom guardrails to switch off (see <see cref="BuiltInGuardrails"/>).</summary>
    /// <value>The default is empty: every guardrail is on. A null or empty entry, or one naming no registered guardrail, fails the start.</value>
    public ISet<string> Disabled { get; } = new HashSet<string>(StringComparer.Ordinal);
}
