using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Placements;

public sealed class PlacementTests
{
    [Theory, AutoData]
    public void Each_placement_ranks_with_its_own_weights(string user, string shopper)
    {
        var email = new PlacementOptions();
        foreach (var signal in BuiltInSignals.All)
        {
            email.Weights[signal] = signal == BuiltInSignals.Popularity ? 1f : 0f;
        }

        using var sdk = new TestSdk(options => options.Placements["email"] = email);
        sdk.View(shopper, "kitchen-2", "kitchen-2", "kitchen-2");
        sdk.View(user, "books-1", "books-2");

        var home = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Count = 1 });
        var mail = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Placement = "email", Count = 1 });

        Assert.StartsWith("books-", home.Items[0].ItemKey, StringComparison.Ordinal);
        Assert.Equal(PersonalizationRequest.DefaultPlacement, home.Placement);
        Assert.Equal("kitchen-2", mail.Items[0].ItemKey);
        Assert.Equal("email", mail.Placement);
    }

    [Theory, AutoData]
    public void A_placement_can_switch_a_guardrail_off_and_set_its_own_count(string user)
    {
        var cart = new PlacementOptions { Count = 3 };
        cart.DisabledGuardrails.Add(BuiltInGuardrails.RecentlyPurchased);
        using var sdk = new TestSdk(options => options.Placements["cart"] = cart);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(user, "garden-1"));

        var onCart = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Placement = "cart" });

        Assert.Contains("garden-1", onCart.Items.Select(i => i.ItemKey));
        Assert.Equal(3, onCart.Items.Count);
        Assert.DoesNotContain("garden-1", sdk.TopKeys(user, 16));
    }

    [Fact]
    public void A_placement_is_measured_by_its_own_holdout_only()
    {
        using var sdk = new TestSdk(
            options => options.Placements["home"] = new PlacementOptions { Holdout = "home-holdout" },
            builder => builder.AddHoldout("site-holdout", 5_000).AddHoldout("home-holdout", 5_000));

        Assert.Equal("home-holdout", sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" }).Holdout!.Value.Holdout);
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        var site = reporter.GetReport("site-holdout");
        Assert.Equal(0, site.Treatment.ExposedUnits + site.Control.ExposedUnits);
    }

    [Fact]
    public void An_unknown_placement_is_served_by_the_default_and_counted()
    {
        using var sdk = new TestSdk();
        using var unknown = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placements.unknown");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "nowhere" });

        Assert.Equal(PersonalizationRequest.DefaultPlacement, decision.Placement);
        Assert.Single(unknown.GetMeasurementSnapshot());
    }

    [Fact]
    public void Naming_the_default_placement_with_none_configured_is_served_as_naming_none_and_not_counted()
    {
        using var sdk = new TestSdk();
        using var unknown = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.placements.unknown");

        var named = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = PersonalizationRequest.DefaultPlacement });
        var unnamed = sdk.Personalizer.Rank(new PersonalizationRequest("u"));

        Assert.Equal(PersonalizationRequest.DefaultPlacement, named.Placement);
        Assert.Equal(unnamed.Items, named.Items);
        Assert.Empty(unknown.GetMeasurementSnapshot());
    }

    [Fact]
    public void Decisions_are_counted_by_placement()
    {
        using var sdk = new TestSdk(options => options.Placements["home"] = new PlacementOptions());
        using var decisions = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.decisions");

        sdk.Personalizer.Rank(new PersonalizationRequest("u") { Placement = "home" });
        sdk.Personalizer.Rank(new PersonalizationRequest("u"));

        Assert.Equal(["home", "default"], decisions.GetMeasurementSnapshot().Select(m => (string)m.Tags["placement"]!));
    }

    [Fact]
    public async Task Bad_placements_fail_at_start_naming_the_placement()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            var email = new PlacementOptions { Holdout = "missing" };
            email.Weights["no-such-signal"] = 1f;
            email.ColdStartWeights[BuiltInSignals.Popularity] = -1f;
            options.Placements["email"] = email;
            options.Placements[" "] = new PlacementOptions();
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Placements[\"email\"].Weights[\"no-such-signal\"] names no registered signal", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Placements[\"email\"].ColdStartWeights[\"popularity\"] must be a finite number >= 0", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Placements[\"email\"].Holdout names no configured holdout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("a placement with an empty name", failure.Message, StringComparison.Ordinal);
    }
}
