using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// README "Signals": a placement that learns chooses from its CandidatePool best; a Count above the
/// pool fills the places past it with the mix's next best in score order, not capped.
/// </summary>
public sealed class BeyondThePoolOrderTests
{
    [Fact]
    public void Places_past_the_pool_follow_the_mixs_order_without_the_category_cap()
    {
        using var learning = Sdk(options =>
        {
            options.Learning.Mode = LearningMode.Online;
            options.Learning.ExplorationRate = 0;
            options.Learning.CandidatePool = 2;
            options.MaxPerCategory = 2;
        });
        using var plain = Sdk(options => options.MaxPerCategory = 0);

        var served = Serve(learning);
        var uncapped = Serve(plain);

        Assert.Equal(uncapped.Take(2).Order(StringComparer.Ordinal), served.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(uncapped.Skip(2), served.Skip(2));
        Assert.True(served.Count(key => key.StartsWith("kitchen-", StringComparison.Ordinal)) > 2, string.Join(", ", served));
    }

    private static TestSdk Sdk(Action<PersonalizationOptions> configure) => new(options =>
    {
        options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
        configure(options);
    });

    private static string[] Serve(TestSdk sdk)
    {
        for (var i = 1; i <= 4; i++)
        {
            for (var views = 0; views <= 4 - i; views++)
            {
                sdk.View("ann", $"kitchen-{i}");
            }
        }

        sdk.View("ann", "hiking-1", "books-1");
        sdk.View("bob", "garden-1");
        return [.. sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 6 }).Items.Select(item => item.ItemKey)];
    }
}
