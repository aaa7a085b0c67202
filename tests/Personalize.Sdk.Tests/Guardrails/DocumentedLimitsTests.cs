using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>The limits the README and the options' docs state (frequency-cap slots and who is capped, the category cap's pool, what Removed lists), pinned to what the code does.</summary>
public sealed class DocumentedLimitsTests
{
    [Fact]
    public void The_frequency_cap_counts_showings_of_32_items_per_person_and_forgets_the_oldest()
    {
        var items = Enumerable.Range(0, 40).Select(i => new CatalogItem { Key = $"i-{i}", Category = "c" }).ToArray();
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 2, catalog: items);
        sdk.View("u", "i-39");
        Show(sdk, "i-0");
        Show(sdk, "i-0");
        Assert.True(IsCapped(sdk, "i-0"));

        // 31 other items: 32 counted, i-0 among them.
        for (var i = 1; i <= 31; i++)
        {
            Show(sdk, $"i-{i}");
        }

        Assert.True(IsCapped(sdk, "i-0"));

        // The 33rd item pushes out i-0, whose count started longest ago, within its window.
        Show(sdk, "i-32");
        Assert.False(IsCapped(sdk, "i-0"));
    }

    [Fact]
    public void The_frequency_cap_counts_showings_from_the_persons_first_tracked_event_on()
    {
        using var sdk = new TestSdk(options => options.Guardrails.FrequencyCap = 2);

        // No profile: the showings are not counted.
        Show(sdk, "garden-1");
        Show(sdk, "garden-1");
        Assert.False(IsCapped(sdk, "garden-1"));

        sdk.View("u", "books-1");
        Show(sdk, "garden-1");
        Show(sdk, "garden-1");
        Assert.True(IsCapped(sdk, "garden-1"));
    }

    [Theory]
    [InlineData(36, true)]
    [InlineData(37, false)]
    public void The_category_cap_chooses_from_the_best_max_of_4_count_and_count_plus_32(int leading, bool otherShown)
    {
        var added = TestSdk.Start.AddDays(-30);
        var items = Enumerable.Range(0, leading).Select(i => new CatalogItem { Key = $"a-{i}", Category = "a", AddedAt = added })
            .Concat(Enumerable.Range(0, 3).Select(i => new CatalogItem { Key = $"b-{i}", Category = "b", AddedAt = added }))
            .ToArray();
        using var sdk = new TestSdk(catalog: items);

        var keys = sdk.TopKeys("u", 5);

        Assert.Equal(5, keys.Length);
        Assert.Equal(otherShown ? ["a-0", "a-1", "a-2", "b-0", "a-3"] : ["a-0", "a-1", "a-2", "a-3", "a-4"], keys);
    }

    [Fact]
    public void Unavailable_items_are_listed_as_removed_only_when_the_request_names_them()
    {
        var items = TestCatalog.Items.Select(item => item.Key == "books-1" ? new CatalogItem { Key = item.Key, Category = item.Category, IsAvailable = false } : item).ToArray();
        using var sdk = new TestSdk(catalog: items);
        using var removals = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.guardrail.removals");

        var whole = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = true });

        Assert.DoesNotContain(whole.Items, item => item.ItemKey == "books-1");
        Assert.Empty(whole.Explanation!.Removed);
        Assert.Equal(0, removals.GetMeasurementSnapshot().Sum(m => m.Value));

        var named = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { "books-1", "books-2", "unknown" }, Explain = true });

        Assert.Equal(["books-2"], named.Items.Select(item => item.ItemKey));
        var removal = Assert.Single(named.Explanation!.Removed);
        Assert.Equal(("books-1", BuiltInGuardrails.Availability), (removal.ItemKey, removal.Guardrail));
        Assert.Equal(1, removals.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private static void Show(TestSdk sdk, string key)
    {
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(key, Assert.Single(sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { key }, Count = 1 }).Items).ItemKey);
    }

    private static bool IsCapped(TestSdk sdk, string key) =>
        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Candidates = new[] { key }, Count = 1, Preview = true }).Items.Count == 0;
}
