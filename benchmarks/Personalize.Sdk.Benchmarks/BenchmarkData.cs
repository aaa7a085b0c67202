using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Benchmarks;

/// <summary>A warm personalizer over a synthetic catalog, built through the public API as a host would.</summary>
internal static class BenchmarkData
{
    public const int Categories = 40;
    public const string User = "user-7";

    /// <summary>The six signals the rank benchmarks weigh; the other built-ins are set to 0.</summary>
    public static readonly string[] SixSignals =
    [
        BuiltInSignals.Popularity,
        BuiltInSignals.CategoryAffinity,
        BuiltInSignals.AttributeAffinity,
        BuiltInSignals.CoOccurrence,
        BuiltInSignals.StatedPreference,
        BuiltInSignals.Context,
    ];

    public static CatalogItem[] Catalog(int items) =>
    [
        .. Enumerable.Range(0, items).Select(i => new CatalogItem
        {
            Key = $"item-{i}",
            Category = $"category-{i % Categories}",
            Title = $"Item {i}",
            Attributes = new Dictionary<string, string> { ["brand"] = $"brand-{i % 25}", ["channel"] = i % 3 == 0 ? "app" : "web" },
        }),
    ];

    /// <summary>200 users with 20 events each, user-7 with a stated preference, a 5% holdout, six signals (unless told otherwise).</summary>
    public static (ServiceProvider Services, IPersonalizer Personalizer) Warm(
        CatalogItem[] catalog,
        int users = 200,
        int eventsPerUser = 20,
        Action<PersonalizationBuilder>? attach = null,
        IReadOnlyCollection<string>? signals = null,
        bool holdout = true,
        bool guardrails = true,
        Action<PersonalizationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddPersonalization(configure ?? (options =>
            {
                foreach (var signal in BuiltInSignals.All)
                {
                    options.Weights[signal] = (signals ?? SixSignals).Contains(signal) ? 1f : 0f;
                }

                if (!guardrails)
                {
                    foreach (var guardrail in BuiltInGuardrails.All)
                    {
                        options.Guardrails.Disabled.Add(guardrail);
                    }
                }
            }))
            .AddCatalog(catalog);
        if (holdout)
        {
            builder.AddHoldout("home", basisPoints: 500);
        }

        attach?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            hosted.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var personalizer = provider.GetRequiredService<IPersonalizer>();
        var random = new Random(42);
        for (var user = 0; user < users; user++)
        {
            for (var e = 0; e < eventsPerUser; e++)
            {
                personalizer.Track(PersonalizationEvent.View($"user-{user}", catalog[random.Next(catalog.Length)].Key));
            }
        }

        personalizer.Track(PersonalizationEvent.StatedCategoryPreference(User, "category-3", likes: true));
        return (provider, personalizer);
    }
}
