using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

public sealed class OptionsReloadTests
{
    private const string User = "visitor-7731";

    [Fact]
    public void New_weights_from_a_configuration_reload_rank_the_very_next_decision()
    {
        using var sdk = new ReloadableSdk();
        using var reloads = sdk.Collect("personalize.options.reloads");
        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());

        sdk.Reload(("Weights:favourite", "5"), ("ColdStartWeights:favourite", "5"));

        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        var applied = Assert.Single(reloads.GetMeasurementSnapshot());
        Assert.Equal("applied", applied.Tags["outcome"]);
    }

    [Fact]
    public void The_rule_registry_lists_the_signal_weights_a_reload_put_in_force()
    {
        using var sdk = new ReloadableSdk();
        var registry = sdk.Provider.GetRequiredService<IRuleRegistry>();
        var before = registry.Rules.Single(r => r.Name == BuiltInSignals.Freshness);
        Assert.False(registry.Rules.Single(r => r.Name == FavouriteSignal.SignalName).Enabled);

        sdk.Reload(("Weights:favourite", "5"), ("Weights:freshness", "0"), ("ColdStartWeights:freshness", "0"));

        var favourite = registry.Rules.Single(r => r.Name == FavouriteSignal.SignalName);
        var freshness = registry.Rules.Single(r => r.Name == BuiltInSignals.Freshness);
        Assert.Equal((true, 5f, 0f), (favourite.Enabled, favourite.Weight, favourite.ColdStartWeight));
        Assert.Equal((false, 0f, 0f), (freshness.Enabled, freshness.Weight, freshness.ColdStartWeight));
        Assert.True(before.Enabled);
        Assert.Contains("\"favourite\"", registry.ExportJson(), StringComparison.Ordinal);
        Assert.Equal(
            registry.Rules.Where(r => r.Kind != RuleKind.Signal).Select(r => (r.Name, r.Enabled)),
            new ReloadableSdk().Provider.GetRequiredService<IRuleRegistry>().Rules.Where(r => r.Kind != RuleKind.Signal).Select(r => (r.Name, r.Enabled)));
    }

    [Fact]
    public void Readiness_judges_a_signal_a_reload_weighed_in()
    {
        using var sdk = new ReloadableSdk(("Readiness:MinimumDecisions", "10"));
        var reporter = sdk.Provider.GetRequiredService<IReadinessReporter>();
        Assert.DoesNotContain(reporter.GetReport()["default"].Signals, s => s.Signal == FavouriteSignal.SignalName);

        sdk.Reload(("Weights:favourite", "1"), ("ColdStartWeights:favourite", "1"));
        for (var i = 0; i < 20; i++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"u-{i}"));
        }

        var favourite = Assert.Single(reporter.GetReport()["default"].Signals, s => s.Signal == FavouriteSignal.SignalName);
        Assert.Equal(20, favourite.Computations);
    }

    [Fact]
    public void The_kill_switch_min_confidence_and_max_count_change_live()
    {
        using var sdk = new ReloadableSdk();
        sdk.Personalizer.Track(PersonalizationEvent.View(User, "books-1"));
        Assert.Equal(DecisionVariant.Personalized, sdk.Rank().Variant);

        sdk.Reload(("MinConfidence", "1"), ("MaxCount", "2"));

        var decision = sdk.Rank(count: 10);
        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.LowConfidence), (decision.Variant, decision.Reason));
        Assert.Equal(2, decision.Items.Count);

        sdk.Reload(("KillSwitch", "true"));

        Assert.Equal(DecisionReason.KillSwitch, sdk.Rank().Reason);
    }

    [Fact]
    public void The_per_category_cap_changes_live()
    {
        using var sdk = new ReloadableSdk(("MaxPerCategory", "0"));
        sdk.Personalizer.Track(PersonalizationEvent.View(User, "books-1"));
        sdk.Personalizer.Track(PersonalizationEvent.View(User, "books-2"));
        Assert.Equal(4, Books(sdk.Rank(count: 4)));

        sdk.Reload(("MaxPerCategory", "1"));

        Assert.Equal(1, Books(sdk.Rank(count: 4)));

        static int Books(Decision decision) => decision.Items.Count(item => item.ItemKey.StartsWith("books-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placements_weights_reload_live_and_leave_other_placements_alone()
    {
        using var sdk = new ReloadableSdk(("Placements:home:Count", "3"));

        sdk.Reload(("Placements:home:ColdStartWeights:favourite", "5"), ("Placements:home:Count", "2"));

        var home = sdk.Personalizer.Rank(new PersonalizationRequest(User) { Placement = "home" });
        Assert.Equal(FavouriteSignal.Favourite, home.Items[0].ItemKey);
        Assert.Equal(2, home.Items.Count);
        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());
    }

    [Fact]
    public void An_invalid_change_is_rejected_whole_logged_and_counted_and_the_last_good_settings_stay()
    {
        using var sdk = new ReloadableSdk();
        sdk.Reload(("ColdStartWeights:favourite", "5"));
        using var reloads = sdk.Collect("personalize.options.reloads");

        // A bad range (source-generated validator) and a bad weight (cross-field validator) in one change.
        sdk.Reload(("ColdStartWeights:favourite", "0"), ("MaxCount", "0"), ("Weights:popularity", "-1"));

        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal(5, sdk.Rank(count: 5).Items.Count);
        var rejected = Assert.Single(reloads.GetMeasurementSnapshot());
        Assert.Equal("rejected", rejected.Tags["outcome"]);
        var error = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("PersonalizationOptions.MaxCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Weights[\"popularity\"]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sdk.Logs.GetSnapshot(), r => r.Message.Contains(User, StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_reload_is_thrown_into_the_reload_only_by_a_monitor_the_application_resolved_and_the_sdk_still_rejects_it()
    {
        using var sdk = new ReloadableSdk();
        sdk.Reload(("ColdStartWeights:favourite", "5"));

        // The SDK alone throws nothing into the reload (the test above); the monitor, once resolved, does.
        var monitor = sdk.Provider.GetRequiredService<IOptionsMonitor<PersonalizationOptions>>();
        Assert.Equal(5f, monitor.CurrentValue.ColdStartWeights[FavouriteSignal.SignalName]);
        var thrown = Assert.Throws<AggregateException>(() => sdk.Reload(("MaxCount", "0")));

        Assert.IsType<OptionsValidationException>(Assert.Single(thrown.InnerExceptions));
        Assert.Throws<OptionsValidationException>(() => monitor.CurrentValue);
        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal(5, sdk.Rank(count: 5).Items.Count);
    }

    [Theory]
    [InlineData(typeof(FormatException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(ObjectDisposedException))]
    public void A_reload_whose_configure_step_throws_is_rejected_logged_by_type_and_counted_not_thrown_into_the_host(Type exceptionType)
    {
        const string secret = "Password=hunter2";
        var fail = false;
        var configuration = new ConfigurationManager();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
        services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
        services.Configure<PersonalizationOptions>(_ =>
        {
            if (fail)
            {
                throw exceptionType == typeof(ObjectDisposedException)
                    ? new ObjectDisposedException($"The host could not parse '{secret}'.")
                    : (Exception)Activator.CreateInstance(exceptionType, $"The host could not parse '{secret}'.")!;
            }
        });
        services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        using var reloads = new MetricCollector<long>(provider.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.options.reloads");
        logs.Clear();

        fail = true;
        configuration["Personalization:MaxCount"] = "2";
        var thrown = Record.Exception(((IConfigurationRoot)configuration).Reload);

        Assert.Null(thrown);
        Assert.Equal("rejected", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        var error = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(exceptionType.FullName!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
        Assert.Null(error.Exception);
        Assert.Equal(4, personalizer.Rank(new PersonalizationRequest(User) { Count = 4 }).Items.Count);
    }

    [Fact]
    public void A_value_the_configuration_binder_cannot_convert_is_rejected_naming_the_setting()
    {
        var configuration = new ConfigurationManager();
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
        services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
        services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        logs.Clear();

        configuration["Personalization:MaxCount"] = "lots";
        ((IConfigurationRoot)configuration).Reload();

        var error = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("Personalization:MaxCount", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, personalizer.Rank(new PersonalizationRequest(User) { Count = 4 }).Items.Count);
    }

    [Fact]
    public void A_weight_naming_no_signal_is_rejected_naming_it()
    {
        using var sdk = new ReloadableSdk();
        using var reloads = sdk.Collect("personalize.options.reloads");

        sdk.Reload(("Weights:no-such-signal", "1"), ("ColdStartWeights:favourite", "5"));

        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal("rejected", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        var error = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("PersonalizationOptions.Weights[\"no-such-signal\"] names no registered rule", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Placements:new:Weights:no-such-signal", "1", "PersonalizationOptions.Placements[\"new\"].Weights[\"no-such-signal\"] names no registered signal")]
    [InlineData("Placements:new:ColdStartWeights:popularity", "-1", "PersonalizationOptions.Placements[\"new\"].ColdStartWeights[\"popularity\"] must be a number from 0 to 1,000,000")]
    [InlineData("Placements:new:Holdout", "nope", "PersonalizationOptions.Placements[\"new\"].Holdout names no configured holdout: 'nope'")]
    [InlineData("Placements:home:Holdout", "nope", "PersonalizationOptions.Placements[\"home\"].Holdout names no configured holdout: 'nope'")]
    [InlineData("Placements::Count", "3", "PersonalizationOptions.Placements has a placement with an empty name")]
    [InlineData("Guardrails:Disabled:0", "no-such-guardrail", "PersonalizationOptions.Guardrails.Disabled[\"no-such-guardrail\"] names no registered rule")]
    public void A_reload_the_next_start_would_fail_on_is_rejected_whole_though_the_setting_is_read_at_start(string key, string value, string failure)
    {
        using var sdk = new ReloadableSdk(("Placements:home:Count", "3"));
        using var reloads = sdk.Collect("personalize.options.reloads");

        sdk.Reload((key, value), ("ColdStartWeights:favourite", "5"));

        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal("rejected", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        var error = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(failure, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public void A_reload_adding_a_placement_whose_name_holds_a_lone_surrogate_is_rejected_whole()
    {
        // Not theory data: xunit's serialization of theory arguments would turn the lone surrogate into U+FFFD.
        using var sdk = new ReloadableSdk(("Placements:home:Count", "3"));
        using var reloads = sdk.Collect("personalize.options.reloads");

        sdk.Reload(("Placements:new\uD800:Count", "3"), ("ColdStartWeights:favourite", "5"));

        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal("rejected", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        var error = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("PersonalizationOptions.Placements has a placement whose name holds a lone surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reload_adding_a_valid_placement_and_holdout_is_applied_live_and_they_wait_for_a_restart()
    {
        using var sdk = new ReloadableSdk(("Guardrails:Disabled:0", "frequency-cap"));
        using var reloads = sdk.Collect("personalize.options.reloads");

        sdk.Reload(
            ("Holdouts:0:Name", "lift"),
            ("Holdouts:0:Salt", "lift"),
            ("Holdouts:0:BasisPoints", "1000"),
            ("Placements:new:Holdout", "lift"),
            ("Placements:new:Weights:favourite", "1"),
            ("Guardrails:Disabled:0", "dismissed"),
            ("Placements:new:DisabledGuardrails:0", "frequency-cap"),
            ("ColdStartWeights:favourite", "5"));

        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        Assert.Equal("applied", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        var warning = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("PersonalizationOptions.Placements", warning.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Holdouts", warning.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Guardrails", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_file_removed_after_start_fails_no_reload_and_the_kill_switch_still_turns_on()
    {
        using var file = new TempCatalogFile("""{ "items": [ { "key": "file-1", "category": "file" } ] }""");
        using var sdk = new ReloadableSdk(("CatalogPath", file.Path));
        using var reloads = sdk.Collect("personalize.options.reloads");
        File.Delete(file.Path);

        sdk.Reload(("KillSwitch", "true"));

        Assert.Equal(DecisionReason.KillSwitch, sdk.Rank().Reason);
        Assert.Equal("applied", Assert.Single(reloads.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.DoesNotContain(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
    }

    [Fact]
    public void Options_read_only_at_start_are_ignored_live_with_a_log_line_naming_them()
    {
        using var sdk = new ReloadableSdk(("Holdouts:0:Name", "lift"), ("Holdouts:0:Salt", "lift"), ("Holdouts:0:BasisPoints", "5000"));
        var users = Enumerable.Range(0, 200).Select(i => $"user-{i}").ToArray();
        var before = users.Select(u => sdk.Personalizer.GetHoldoutAssignment(u, "lift").Arm).ToArray();
        Assert.Contains(HoldoutArm.Treatment, before);

        sdk.Reload(("Holdouts:0:BasisPoints", "10000"), ("MaxProfiles", "5"), ("ColdStartWeights:favourite", "5"));

        Assert.Equal(before, users.Select(u => sdk.Personalizer.GetHoldoutAssignment(u, "lift").Arm));
        Assert.Equal(5000, Assert.Single(sdk.Provider.GetRequiredService<IHoldoutAssigner>().Holdouts).BasisPoints);
        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        var warning = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("PersonalizationOptions.MaxProfiles", warning.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Holdouts", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PersonalizationOptions.Weights", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Learning_options_are_read_at_start_only()
    {
        using var sdk = new ReloadableSdk();

        sdk.Reload(("Learning:Mode", "Online"), ("Learning:ExplorationRate", "0.2"));

        Assert.Empty(sdk.Provider.GetRequiredService<ILearningReporter>().GetReport().Placements);
        var warning = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("PersonalizationOptions.Learning", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kill_switch_reloaded_after_the_host_started_but_before_the_first_decision_takes_effect()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["Personalization:KillSwitch"] = "false";
        builder.Services.Configure<PersonalizationOptions>(builder.Configuration.GetSection("Personalization"));
        builder.Services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var host = builder.Build();
        await host.StartAsync();

        // Flipped before the first request that ranks: the start built the options, not the personalizer.
        builder.Configuration["Personalization:KillSwitch"] = "true";
        ((IConfigurationRoot)builder.Configuration).Reload();
        var decision = host.Services.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest(User));

        Assert.Equal(DecisionReason.KillSwitch, decision.Reason);
        await host.StopAsync();
    }

    [Fact]
    public void A_reload_after_a_report_was_resolved_but_before_the_personalizer_takes_effect()
    {
        var configuration = new ConfigurationManager();
        var services = new ServiceCollection();
        services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
        services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IReadinessReporter>();

        configuration["Personalization:MaxCount"] = "2";
        ((IConfigurationRoot)configuration).Reload();
        var decision = provider.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest(User) { Count = 5 });

        Assert.Equal(2, decision.Items.Count);
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_is_logged_by_its_setting_never_by_the_value()
    {
        using var sdk = new ReloadableSdk();
        sdk.Reload(("MaxCount", "Password=hunter2"));

        var error = Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("Personalization:MaxCount", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Failed to convert configuration value 'a' at 'x' to type 'y'.")]
    [InlineData("Failed to convert configuration value 'it' at 'me' at 'Section:Key' to type 'System.Int32'.")]
    [InlineData("Something else entirely: 'secret'")]
    public void A_conversion_failure_is_described_without_its_value(string message)
    {
        var described = Personalize.Sdk.DependencyInjection.OptionsReloader.DescribeConversionFailure(message);

        Assert.DoesNotContain("'a'", described, StringComparison.Ordinal);
        Assert.DoesNotContain("'it'", described, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", described, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_change_token_source_reloads_too()
    {
        var source = new ManualChangeTokenSource();
        var weight = 0f;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
        services.AddSingleton<IOptionsChangeTokenSource<PersonalizationOptions>>(source);
        services.AddPersonalization(options => options.ColdStartWeights[FavouriteSignal.SignalName] = weight)
            .AddCatalog(TestCatalog.Items)
            .AddSignal(new FavouriteSignal(), 0f);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        Assert.NotEqual(FavouriteSignal.Favourite, personalizer.Rank(new PersonalizationRequest(User)).Items[0].ItemKey);

        weight = 5f;
        source.Fire();

        Assert.Equal(FavouriteSignal.Favourite, personalizer.Rank(new PersonalizationRequest(User)).Items[0].ItemKey);
    }

    [Fact]
    public void Mutating_the_configured_options_object_after_start_changes_nothing()
    {
        using var sdk = new TestSdk(options => options.Holdouts.Add(new HoldoutOptions { Name = "lift", Salt = "lift", BasisPoints = 5000 }));
        sdk.View(User, "books-1");
        var users = Enumerable.Range(0, 200).Select(i => $"user-{i}").ToArray();
        var arms = users.Select(u => sdk.Personalizer.GetHoldoutAssignment(u, "lift").Arm).ToArray();
        var before = sdk.Rank(User, count: 5);

        var configured = sdk.Services.GetRequiredService<IOptions<PersonalizationOptions>>().Value;
        configured.KillSwitch = true;
        configured.MaxCount = 1;
        configured.Holdouts[0].BasisPoints = 10_000;
        configured.ColdStartWeights[BuiltInSignals.Popularity] = 0f;
        configured.Weights[BuiltInSignals.CategoryAffinity] = 0f;

        var after = sdk.Rank(User, count: 5);
        Assert.Equal(before.Variant, after.Variant);
        Assert.Equal(before.Items.Select(i => (i.ItemKey, i.Score)), after.Items.Select(i => (i.ItemKey, i.Score)));
        Assert.Equal(arms, users.Select(u => sdk.Personalizer.GetHoldoutAssignment(u, "lift").Arm));
    }

    [Fact]
    public void The_default_placements_weights_reload_live_though_it_was_not_configured_at_start()
    {
        using var sdk = new ReloadableSdk();
        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());

        sdk.Reload(("Placements:default:ColdStartWeights:favourite", "5"), ("Placements:default:Weights:favourite", "5"));

        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
        Assert.DoesNotContain(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);

        // A restart-only field beside them is warned of, and takes nothing live away.
        sdk.Reload(("Placements:default:AutoPause", "true"));
        Assert.Contains("PersonalizationOptions.Placements", Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());
    }

    [Fact]
    public void The_default_placements_count_reloads_live_beside_a_restart_only_field_in_the_same_reload()
    {
        using var sdk = new ReloadableSdk();
        Assert.True(sdk.Personalizer.Rank(new PersonalizationRequest(User)).Items.Count > 2);

        sdk.Reload(("Placements:default:Count", "2"), ("Placements:default:AutoPause", "true"));

        Assert.Equal(2, sdk.Personalizer.Rank(new PersonalizationRequest(User)).Items.Count);
        Assert.Contains("PersonalizationOptions.Placements", Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reload_removing_the_default_placements_weights_set_at_start_puts_the_global_weights_back()
    {
        var withDefault = true;
        using var sdk = new CodeConfiguredSdk(options =>
        {
            if (withDefault)
            {
                var placement = new PlacementOptions();
                placement.Weights[FavouriteSignal.SignalName] = 5;
                placement.ColdStartWeights[FavouriteSignal.SignalName] = 5;
                options.Placements[PersonalizationRequest.DefaultPlacement] = placement;
            }
        });
        Assert.Equal(FavouriteSignal.Favourite, sdk.Top());

        withDefault = false;
        sdk.Reload();

        Assert.NotEqual(FavouriteSignal.Favourite, sdk.Top());
        Assert.DoesNotContain(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    /// <summary>An item at start and the same key changed at a reload: each field alone, and values whose separators could run into their neighbours'.</summary>
    public static TheoryData<CatalogItem, CatalogItem> ChangedItems => new()
    {
        { Boots("hiking", "Boots", ("brand", "acme")), Boots("kitchen", "Boots", ("brand", "acme")) },
        { Boots("hiking", "Boots", ("brand", "acme")), Boots("hiking", "Hiking boots", ("brand", "acme")) },
        { Boots("hiking", "Boots", ("brand", "acme")), Boots("hiking", "Boots", ("brand", "zenith")) },
        { Boots("hiking", "Boots", ("brand", "acme")), new CatalogItem { Key = "boots", Category = "hiking", Title = "Boots", Attributes = new Dictionary<string, string> { ["brand"] = "acme" }, IsAvailable = false } },
        { Boots("hiking", null, ("colour", "red,size=9")), Boots("hiking", null, ("colour", "red"), ("size", "9")) },
        { Boots("hiking|Trail", "boots"), Boots("hiking", "Trail|boots") },
    };

    [Theory]
    [MemberData(nameof(ChangedItems))]
    public void A_reload_changing_an_item_of_the_catalog_in_code_is_ignored_with_a_warning_naming_the_catalog(CatalogItem atStart, CatalogItem reloaded)
    {
        var item = atStart;
        using var sdk = new CodeConfiguredSdk(options => options.Catalog.Add(item), ownCatalog: true);

        item = reloaded;
        sdk.Reload();

        Assert.Contains("PersonalizationOptions.Catalog", Assert.Single(sdk.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning).Message, StringComparison.Ordinal);
        Assert.Equal(["boots"], sdk.Personalizer.Rank(new PersonalizationRequest(User)).Items.Select(i => i.ItemKey));
    }

    private static CatalogItem Boots(string category, string? title, params (string Name, string Value)[] attributes) =>
        new() { Key = "boots", Category = category, Title = title, Attributes = attributes.ToDictionary(a => a.Name, a => a.Value) };

    /// <summary>
    /// A container whose options come from a configure step in code, reloaded on demand: the step
    /// reads whatever the test has changed since. With the test catalog and the favourite signal at
    /// weight 0, unless the step brings its own catalog.
    /// </summary>
    private sealed class CodeConfiguredSdk : IDisposable
    {
        private readonly ManualChangeTokenSource _source = new();
        private readonly ServiceProvider _provider;

        public CodeConfiguredSdk(Action<PersonalizationOptions> configure, bool ownCatalog = false)
        {
            var services = new ServiceCollection();
            services.AddMetrics();
            services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
            services.AddSingleton<IOptionsChangeTokenSource<PersonalizationOptions>>(_source);
            var builder = services.AddPersonalization(configure);
            if (!ownCatalog)
            {
                builder.AddCatalog(TestCatalog.Items).AddSignal(new FavouriteSignal(), 0f);
            }

            _provider = services.BuildServiceProvider();
            Personalizer = _provider.GetRequiredService<IPersonalizer>();
            Logs.Clear();
        }

        public FakeLogCollector Logs { get; } = new();

        public IPersonalizer Personalizer { get; }

        public string Top() => Personalizer.Rank(new PersonalizationRequest(User) { Count = 4 }).Items[0].ItemKey;

        public void Reload() => _source.Fire();

        public void Dispose() => _provider.Dispose();
    }

    /// <summary>A container whose options are bound to configuration under "Personalization", with the favourite signal at weight 0.</summary>
    private sealed class ReloadableSdk : IDisposable
    {
        private readonly ConfigurationManager _configuration = new();

        public ReloadableSdk(params (string Key, string Value)[] settings)
        {
            foreach (var (key, value) in settings)
            {
                _configuration[$"Personalization:{key}"] = value;
            }

            var services = new ServiceCollection();
            services.AddMetrics();
            services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(Logs)));
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
            services.Configure<PersonalizationOptions>(_configuration.GetSection("Personalization"));
            services.AddPersonalization().AddCatalog(TestCatalog.Items).AddSignal(new FavouriteSignal(), 0f);
            Provider = services.BuildServiceProvider();
            Personalizer = Provider.GetRequiredService<IPersonalizer>();
            Logs.Clear();
        }

        public FakeLogCollector Logs { get; } = new();

        public ServiceProvider Provider { get; }

        public IPersonalizer Personalizer { get; }

        public MetricCollector<long> Collect(string instrument) =>
            new(Provider.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", instrument);

        public Decision Rank(int count = 4) => Personalizer.Rank(new PersonalizationRequest(User) { Count = count });

        public string Top() => Rank().Items[0].ItemKey;

        public void Reload(params (string Key, string Value)[] settings)
        {
            foreach (var (key, value) in settings)
            {
                _configuration[$"Personalization:{key}"] = value;
            }

            ((IConfigurationRoot)_configuration).Reload();
        }

        public void Dispose() => Provider.Dispose();
    }

    private sealed class ManualChangeTokenSource : IOptionsChangeTokenSource<PersonalizationOptions>
    {
        private CancellationTokenSource _source = new();

        public string Name => Options.DefaultName;

        public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => new Microsoft.Extensions.Primitives.CancellationChangeToken(_source.Token);

        public void Fire()
        {
            var fired = _source;
            _source = new CancellationTokenSource();
            fired.Cancel();
            fired.Dispose();
        }
    }
}
