using Personalize.Sdk.Catalog;

namespace Personalize.Sdk;

/// <summary>Settings of the personalization engine. Every setting is checked when the host starts.</summary>
public sealed class PersonalizationOptions
{
    /// <summary>The largest number of items one decision may return.</summary>
    /// <value>The default is 100. Allowed: 1 to 10,000.</value>
    public int MaxCount { get; set; } = 100;

    /// <summary>How fast popularity fades: an event counts half as much after this long.</summary>
    /// <value>The default is 7 days. Must be positive.</value>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How fast a user's affinities fade: an event counts half as much after this long.</summary>
    /// <value>The default is 14 days. Must be positive.</value>
    public TimeSpan AffinityHalfLife { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How many profiles are kept in memory; beyond it the least recently used are evicted.</summary>
    /// <value>The default is 100,000. Must be positive.</value>
    public int MaxProfiles { get; set; } = 100_000;

    /// <summary>How long an untouched profile is kept.</summary>
    /// <value>The default is 30 days. Must be positive.</value>
    public TimeSpan ProfileIdleExpiration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The weight of each signal for a user with history, by signal name
    /// (see <see cref="Signals.BuiltInSignals"/>). A signal missing here keeps its default weight.
    /// </summary>
    /// <value>The default is empty: popularity 0.3, category affinity 1, custom signals as registered.</value>
    public IDictionary<string, float> Weights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>
    /// The weight of each signal for a user without usable history, by signal name. A signal
    /// missing here weighs 0 for such users, except popularity (1).
    /// </summary>
    /// <value>The default is empty.</value>
    public IDictionary<string, float> ColdStartWeights { get; } = new Dictionary<string, float>(StringComparer.Ordinal);

    /// <summary>Items to start with, in catalog order.</summary>
    /// <value>The default is empty.</value>
    public IList<CatalogItem> Catalog { get; } = [];

    /// <summary>A JSON catalog file (see <see cref="CatalogJson"/>) to load at start, after <see cref="Catalog"/>.</summary>
    /// <value>The default is <see langword="null"/>: no file.</value>
    public string? CatalogPath { get; set; }
}
