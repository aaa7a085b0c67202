using Personalize.Evaluation.Data;
using Personalize.Sdk;
using Personalize.Sdk.Catalog;

namespace Personalize.Evaluation.Tests;

/// <summary>Builds small logs for tests: times are whole seconds after a fixed origin.</summary>
internal static class SyntheticLog
{
    public static readonly DateTimeOffset Origin = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Origin.AddSeconds(seconds);

    public static Interaction Row(string user, string item, double seconds) => new(user, item, At(seconds));

    public static Dataset Dataset(IEnumerable<Interaction> rows, Func<string, string?>? category = null)
    {
        Interaction[] ordered = [.. rows.OrderBy(r => r.Timestamp)];
        CatalogItem[] catalog =
        [
            .. ordered.Select(r => r.ItemKey).Distinct().Select(key => new CatalogItem { Key = key, Title = key, Category = category?.Invoke(key) }),
        ];
        return new Dataset("synthetic", catalog, ordered, EventKind.Purchase);
    }
}
