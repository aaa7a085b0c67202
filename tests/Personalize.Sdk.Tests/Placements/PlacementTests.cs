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
    public void A_unit_in_control_of_a_holdout_the_placement_is_not_measured_by_gets_the_default_there_and_is_measured_in_neither()
    {
        using var sdk = new TestSdk(
            options => options.Placements["email"] = new PlacementOptions { Holdout = "email-holdout" },
            builder => builder.AddHoldout("email-holdout", 1_000).AddHoldout("site", 5_000));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var user = Enumerable.Range(0, 1_000).Select(i => $"u-{i}")
            .First(u => assigner.Assign("site", u).Arm == HoldoutArm.Control && assigner.Assign("email-holdout", u).Arm == HoldoutArm.Treatment);
        sdk.View(user, "books-1", "books-2");

        var preview = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Placement = "email", Preview = true });
        var email = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Placement = "email" });

        // The decision carries the holdout that put the user in control, as it does off the placement.
        Assert.Equal(DecisionVariant.Control, email.Variant);
        Assert.Equal(DecisionReason.Holdout, email.Reason);
        Assert.Equal(assigner.Assign("site", user), email.Holdout);
        Assert.Equal((email.Variant, email.Holdout), (preview.Variant, preview.Holdout));

        // Served the default, not email-holdout's treatment; and site does not measure this placement.
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        var emailHoldout = reporter.GetReport("email-holdout");
        var site = reporter.GetReport("site");
        Assert.Equal((0L, 0L), (emailHoldout.Treatment.ExposedUnits, emailHoldout.Control.ExposedUnits));
        Assert.Equal((0L, 0L), (site.Treatment.ExposedUnits, site.Control.ExposedUnits));
    }

    [Fact]
    public void A_placement_measured_by_its_own_holdout_carries_it_when_it_put_the_unit_in_control_or_none_did()
    {
        using var sdk = new TestSdk(
            options => options.Placements["email"] = new PlacementOptions { Holdout = "email-holdout" },
            builder => builder.AddHoldout("site", 5_000).AddHoldout("email-holdout", 5_000));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var users = Enumerable.Range(0, 1_000).Select(i => $"u-{i}").ToArray();
        string Find(HoldoutArm site, HoldoutArm email) => users.First(u => assigner.Assign("site", u).Arm == site && assigner.Assign("email-holdout", u).Arm == email);
        var inBoth = Find(HoldoutArm.Control, HoldoutArm.Control);
        var inEmail = Find(HoldoutArm.Treatment, HoldoutArm.Control);
        var inNeither = Find(HoldoutArm.Treatment, HoldoutArm.Treatment);

        Decision Rank(string user, HoldoutArm? force = null) => sdk.Personalizer.Rank(new PersonalizationRequest(user) { Placement = "email", ForceArm = force });

        // site comes first in configuration, but the placement's own holdout is preferred.
        Assert.Equal((DecisionVariant.Control, assigner.Assign("email-holdout", inBoth)), (Rank(inBoth).Variant, Rank(inBoth).Holdout));
        Assert.Equal((DecisionVariant.Control, assigner.Assign("email-holdout", inEmail)), (Rank(inEmail).Variant, Rank(inEmail).Holdout));
        Assert.NotEqual(DecisionVariant.Control, Rank(inNeither).Variant);
        Assert.Equal(assigner.Assign("email-holdout", inNeither), Rank(inNeither).Holdout);
        Assert.Equal(new HoldoutAssignment("email-holdout", HoldoutArm.Control, assigner.Assign("email-holdout", inNeither).Bucket, isForced: true), Rank(inNeither, HoldoutArm.Control).Holdout);

        var email = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("email-holdout");
        var site = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        Assert.Equal((1L, 2L), (email.Treatment.ExposedUnits, email.Control.ExposedUnits));
        Assert.Equal(0, site.Treatment.ExposedUnits + site.Control.ExposedUnits);
    }

    [Fact]
    public void A_placement_holdout_beside_another_finds_no_sample_ratio_mismatch()
    {
        using var sdk = new TestSdk(
            options => options.Placements["email"] = new PlacementOptions { Holdout = "email-holdout" },
            builder => builder.AddHoldout("site", 1_000).AddHoldout("email-holdout", 1_000));
        for (var i = 0; i < 20_000; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{i}") { Placement = "email", Count = 1 });
        }

        // Users site holds in control get the default on email too, and are not in email-holdout's treatment.
        var check = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("email-holdout").SampleRatio;
        Assert.Equal(0.1 / (0.1 + (0.9 * 0.9)), check.ExpectedControlShare, 12);
        Assert.False(check.IsMismatch);
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
        Assert.Contains("Placements[\"email\"].ColdStartWeights[\"popularity\"] must be a number from 0 to 1,000,000", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Placements[\"email\"].Holdout names no configured holdout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("a placement with an empty name", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placement_name_holding_a_lone_surrogate_fails_at_start_naming_the_option()
    {
        // Written in UTF-8 (metric tags, reports, learning keys), "home\uD800" and "home\uDC00" would both be "home\uFFFD".
        var builder = new PersonalizerBuilder()
            .AddCatalog(TestCatalog.Items)
            .Configure(options => options.Placements["home\uD800"] = new PlacementOptions());

        var failure = Assert.Throws<OptionsValidationException>(() => builder.Build());

        Assert.Contains("PersonalizationOptions.Placements has a placement whose name holds a lone surrogate", failure.Message, StringComparison.Ordinal);
    }
}
