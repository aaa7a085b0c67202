using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;

namespace Personalize.Sdk.Tests.DependencyInjection;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Invalid_options_fail_at_host_start_naming_every_bad_option()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.MaxCount = 0;
            options.PopularityHalfLife = TimeSpan.Zero;
            options.AffinityHalfLife = TimeSpan.FromDays(-1);
            options.TrendHalfLife = TimeSpan.Zero;
            options.MaxPerCategory = -1;
            options.MaxProfiles = -5;
            options.ColdStartWeights["popularity"] = float.NaN;
            options.Weights["popularity"] = 3e38f;
            options.MinConfidence = 2;
            options.Guardrails.FrequencyCap = 0;
            options.CatalogPath = "/definitely/not/here.json";
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PersonalizationOptions.MaxCount", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.PopularityHalfLife", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.AffinityHalfLife", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.MaxProfiles", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.TrendHalfLife", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.MaxPerCategory", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.ColdStartWeights[\"popularity\"]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Weights[\"popularity\"] must be a number from 0 to 1,000,000", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.CatalogPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.MinConfidence", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Guardrails.FrequencyCap", failure.Message, StringComparison.Ordinal);
        Assert.Equal(11, failure.Failures.Count());
    }

    [Fact]
    public async Task Invalid_options_and_the_rules_problems_with_them_fail_the_start_in_one_exception_naming_every_one()
    {
        static void Configure(PersonalizationOptions options)
        {
            options.MaxCount = 0;
            options.Weights["no-such-signal"] = 1f;
            options.Placements["home"] = new PlacementOptions { Holdout = "nope" };
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(Configure);
        using var host = builder.Build();
        var services = new ServiceCollection();
        services.AddPersonalization(Configure);
        using var provider = services.BuildServiceProvider();

        var atHostStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var onFirstUse = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPersonalizer>());
        var atBuild = Assert.Throws<OptionsValidationException>(() => new PersonalizerBuilder().Configure(Configure).Build());

        foreach (var failure in new[] { atHostStart, onFirstUse, atBuild })
        {
            Assert.Equal(typeof(PersonalizationOptions), failure.OptionsType);
            Assert.Collection(
                failure.Failures,
                f => Assert.Contains("PersonalizationOptions.MaxCount", f, StringComparison.Ordinal),
                f => Assert.Contains("PersonalizationOptions.Weights[\"no-such-signal\"] names no registered rule", f, StringComparison.Ordinal),
                f => Assert.Contains("PersonalizationOptions.Placements[\"home\"].Holdout names no configured holdout: 'nope'", f, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_default_consent_with_a_bit_that_is_not_a_consent_flag_fails_at_host_start_naming_it()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options => options.DefaultConsent = (ConsentFlags)64);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PersonalizationOptions.DefaultConsent", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalog_in_code_with_a_repeated_key_or_null_attributes_fails_at_host_start_naming_each_item()
    {
        CatalogItem[] items =
        [
            new() { Key = "tent" },
            new() { Key = "stove", Attributes = null! },
            new() { Key = "tent" },
            new() { Key = "kettle", Attributes = new Dictionary<string, string> { ["brand"] = null! } },
            new() { Key = "shirt", Attributes = new Dictionary<string, string> { ["colour"] = "red=dark" } },
            new() { Key = "hat", Attributes = new Dictionary<string, string> { ["colour=red"] = "dark" } },
        ];
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization().AddCatalog(items);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "PersonalizationOptions.Catalog[1] ('stove') has null Attributes; leave them unset for none.",
                "PersonalizationOptions.Catalog[2] repeats the key 'tent'.",
                "PersonalizationOptions.Catalog[3] ('kettle') has a null value for the attribute 'brand'.",
                "PersonalizationOptions.Catalog[5] ('hat') has the attribute 'colour=red' = 'dark', which reads as 'colour=red=dark' like the catalog's attribute 'colour': rename one, as two attributes that read alike would be taken for one.",
            ],
            failure.Failures);
        var built = Assert.Throws<OptionsValidationException>(() => new PersonalizerBuilder().AddCatalog(items).Build());
        Assert.Equal(failure.Failures, built.Failures);
    }

    [Fact]
    public async Task Invalid_learning_options_fail_at_host_start_naming_each_one()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Learning.ExplorationRate = 0.6;
            options.Learning.DefaultReward = -0.1;
            options.Learning.RewardWaitTime = TimeSpan.Zero;
            options.Learning.UpdateInterval = TimeSpan.FromMilliseconds(10);
            options.Learning.CandidatePool = 1;
            options.Learning.TakeoverConfidence = 1;
            options.Learning.OutcomeRewards[EventKind.View] = 0.1;
            options.Learning.OutcomeRewards[EventKind.Purchase] = 2;
            options.Placements["home"] = new PlacementOptions { LearningMode = (LearningMode)7 };
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        foreach (var option in new[] { "ExplorationRate", "DefaultReward", "RewardWaitTime", "UpdateInterval", "CandidatePool", "TakeoverConfidence", "OutcomeRewards[View]", "OutcomeRewards[Purchase]" })
        {
            Assert.Contains(option, failure.Message, StringComparison.Ordinal);
        }

        Assert.Contains("Placements[\"home\"].LearningMode", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_min_confidence_that_is_not_a_number_fails_at_host_start_naming_it()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options => options.MinConfidence = double.NaN);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PersonalizationOptions.MinConfidence", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_readiness_options_fail_at_host_start_naming_each_one()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Readiness.Window = TimeSpan.FromSeconds(30);
            options.Readiness.MinimumDecisions = 0;
            options.Readiness.ResumeFallbackRate = 0.05;
            options.Readiness.MinimumPause = TimeSpan.FromMinutes(-1);
            options.Readiness.Thresholds.IdentityResolutionAtRisk = 0.95;
            options.Readiness.Thresholds.CatalogAgeAtRisk = TimeSpan.FromHours(1);
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PersonalizationOptions.Readiness.Window", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.MinimumDecisions", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.ResumeFallbackRate", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.MinimumPause", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.Thresholds.IdentityResolutionReady and IdentityResolutionAtRisk", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.Thresholds.CatalogAgeReady", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, failure.Failures.Count());
    }

    [Fact]
    public async Task Weights_and_switches_naming_no_rule_fail_at_host_start_naming_them()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options =>
        {
            options.Weights["no-such-signal"] = 1f;
            options.Guardrails.Disabled.Add("no-such-guardrail");
        });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PersonalizationOptions.Weights[\"no-such-signal\"] names no registered rule", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Guardrails.Disabled[\"no-such-guardrail\"] names no registered rule", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_or_empty_name_in_the_guardrail_sets_fails_at_host_start_naming_the_option()
    {
        static void Configure(PersonalizationOptions options)
        {
            options.Guardrails.SensitiveCategories.Add(null!);
            options.Guardrails.SensitiveCategories.Add("health");
            options.Guardrails.Disabled.Add(string.Empty);
            var home = new PlacementOptions();
            home.DisabledGuardrails.Add(null!);
            options.Placements["home"] = home;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(Configure);
        using var host = builder.Build();

        var atHostStart = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var atBuild = Assert.Throws<OptionsValidationException>(() => new PersonalizerBuilder().Configure(Configure).Build());

        foreach (var failure in new[] { atHostStart, atBuild })
        {
            Assert.Equal(
                [
                    "PersonalizationOptions.Guardrails.SensitiveCategories holds a null entry; every entry must be a name.",
                    "PersonalizationOptions.Guardrails.Disabled holds an empty entry; every entry must be a name.",
                    "PersonalizationOptions.Placements[\"home\"].DisabledGuardrails holds a null entry; every entry must be a name.",
                ],
                failure.Failures);
        }
    }

    [Fact]
    public async Task A_null_placement_fails_at_host_start_naming_it()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options => options.Placements["home"] = null!);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("PersonalizationOptions.Placements[\"home\"] is null.", Assert.Single(failure.Failures));
    }

    [Fact]
    public async Task Valid_options_start_the_host()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization(options => options.Weights["popularity"] = 0.5f);
        using var host = builder.Build();

        await host.StartAsync();

        Assert.NotNull(host.Services.GetRequiredService<IPersonalizer>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_signals_with_one_name_fail_at_host_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization().AddSignal(new NamedSignal("popularity"), 1f);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("'popularity'", failure.Message, StringComparison.Ordinal);
    }

    private sealed class NamedSignal(string name) : ISignalProvider
    {
        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
        }
    }
}
