using Personalize.Sdk;

namespace Personalize.ConsoleSample;

/// <summary>A small outdoor-and-home shop: six categories of five items.</summary>
internal static class DemoCatalog
{
    private static readonly (string Category, string[] Titles)[] Shelves =
    [
        ("hiking", ["Hiking boots", "Trekking poles", "Day pack", "Rain shell", "Trail map set"]),
        ("camping", ["Two-person tent", "Sleeping bag", "Camp stove", "Headlamp", "Water filter"]),
        ("kitchen", ["Chef's knife", "Cast-iron pan", "Pour-over kettle", "Spice rack", "Cutting board"]),
        ("books", ["Field guide to birds", "A mountain novel", "Cookbook: one pot", "Atlas of trails", "Poetry of rivers"]),
        ("garden", ["Pruning shears", "Seed collection", "Watering can", "Raised bed kit", "Garden gloves"]),
        ("running", ["Trail running shoes", "Running vest", "Sports watch", "Merino socks", "Foam roller"]),
    ];

    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        .. Shelves.SelectMany(shelf => shelf.Titles.Select((title, i) => new CatalogItem
        {
            Key = $"{shelf.Category}-{i + 1}",
            Category = shelf.Category,
            Title = title,

            // The last item of every shelf is on promotion: promotions rest after a complaint.
            IsPromotional = i == shelf.Titles.Length - 1,
        })),
    ];

    public static string TitleOf(string key) => Items.First(item => item.Key == key).Title ?? key;
}
