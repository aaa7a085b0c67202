using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Tests;

/// <summary>The README's quick start, compiled. <see cref="ReadmeTests"/> checks the README shows exactly this code.</summary>
internal static class QuickStartSample
{
    public static Decision Run()
    {
        // begin-snippet: quick-start
        var services = new ServiceCollection();
        services.AddPersonalization(options => options.AffinityHalfLife = TimeSpan.FromDays(7))
            .AddCatalog(
            [
                new CatalogItem { Key = "boots", Category = "hiking", Title = "Hiking boots" },
                new CatalogItem { Key = "tent", Category = "hiking", Title = "Two-person tent" },
                new CatalogItem { Key = "kettle", Category = "kitchen", Title = "Camping kettle" },
                new CatalogItem { Key = "novel", Category = "books", Title = "A novel" },
            ]);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();

        personalizer.Track(PersonalizationEvent.View("visitor-42", "boots"));

        var decision = personalizer.Rank(new PersonalizationRequest("visitor-42") { Count = 3 });
        foreach (var item in decision.Items)
        {
            Console.WriteLine($"{item.ItemKey} {item.Score:0.00}");
        }
        // end-snippet

        return decision;
    }
}
