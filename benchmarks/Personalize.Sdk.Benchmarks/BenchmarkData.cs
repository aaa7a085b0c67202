using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Catalog;

namespace Personalize.Sdk.Benchmarks;

/// <summary>A warm personalizer over a synthetic catalog, built through the public API as a host would.</summary>
internal static class BenchmarkData
{
    public const int Categories = 40;

    public static CatalogItem[] Catalog(int items) =>
    [
        .. Enumerable.Range(0, items).Select(i => new CatalogItem
        {
            Key = $"item-{i}",
            Category = $"category-{i % Categories}",
            Title = $"Item {i}",
        }),
    ];

    public static (ServiceProvider Services, IPersonalizer Personalizer) Warm(CatalogItem[] catalog, int users = 200, int eventsPerUser = 20)
    {
        var services = new ServiceCollection();
        services.AddPersonalization().AddCatalog(catalog);
        var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var random = new Random(42);
        for (var user = 0; user < users; user++)
        {
            for (var e = 0; e < eventsPerUser; e++)
            {
                personalizer.Track(PersonalizationEvent.View($"user-{user}", catalog[random.Next(catalog.Length)].Key));
            }
        }

        return (provider, personalizer);
    }
}
