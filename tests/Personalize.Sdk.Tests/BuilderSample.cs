namespace Personalize.Sdk.Tests;

/// <summary>The README's example of <see cref="PersonalizerBuilder"/>, compiled. <see cref="ReadmeTests"/> checks the README shows exactly this code.</summary>
internal static class BuilderSample
{
    public static Decision Run()
    {
        // begin-snippet: builder
        CatalogItem[] items =
        [
            new CatalogItem { Key = "boots", Category = "hiking", Title = "Hiking boots" },
            new CatalogItem { Key = "tent", Category = "hiking", Title = "Two-person tent" },
            new CatalogItem { Key = "kettle", Category = "kitchen", Title = "Camping kettle" },
        ];
        var personalizer = new PersonalizerBuilder()
            .Configure(options => options.AffinityHalfLife = TimeSpan.FromDays(7))
            .AddCatalog(items)
            .Build();

        personalizer.Track(PersonalizationEvent.View("visitor-42", "boots"));
        var decision = personalizer.Rank(new PersonalizationRequest("visitor-42") { Count = 3 });
        // end-snippet

        return decision;
    }
}
