using Personalize.Evaluation.Data;
using Personalize.Sdk;

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

    /// <summary>
    /// A small shop: 30 users over 120 days, a few popular items and a long tail, two categories.
    /// The last 10% of the log (the test period) holds only an item nobody bought before: if a
    /// validation-only step read the test period, that item would enter a catalogue.
    /// </summary>
    public static Dataset SmallShop()
    {
        var random = new Random(7);
        var rows = new List<Interaction>();
        for (var day = 0; day < 108; day++)
        {
            var user = "u" + random.Next(30);
            rows.Add(Row(user, "i" + Math.Min(random.Next(12), random.Next(12)), (day * 86_400) + 1));
            rows.Add(Row(user, "i" + random.Next(12), (day * 86_400) + 2));
        }

        for (var day = 108; day < 120; day++)
        {
            rows.Add(Row("u" + random.Next(30), "test-only", (day * 86_400) + 1));
        }

        return Dataset(rows, key => key[^1] % 2 == 0 ? "even" : "odd");
    }

    /// <summary>The time from which <see cref="SmallShop"/> holds only its test-only item.</summary>
    public static DateTimeOffset SmallShopTestPeriod => At(108 * 86_400);

    /// <summary>
    /// A busy shop whose test period has test users: 40 users each buying 12 of 20 items (popular
    /// ones more often) over 100 days, so every user and item passes the 5-interaction filter.
    /// </summary>
    public static Dataset BusyShop()
    {
        var random = new Random(11);
        var rows = new List<Interaction>();
        for (var user = 0; user < 40; user++)
        {
            var items = Enumerable.Range(0, 20).OrderBy(i => (random.NextDouble() * 20) + i).Take(12);
            foreach (var item in items)
            {
                rows.Add(Row("u" + user, "i" + item, random.Next(100 * 86_400)));
            }
        }

        return Dataset(rows);
    }
}
