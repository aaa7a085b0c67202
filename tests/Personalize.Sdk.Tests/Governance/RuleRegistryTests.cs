using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Governance;

public sealed class RuleRegistryTests
{
    private static readonly RuleInfo Overdue = new("growth-team", "Push the autumn sale.", "revenue per visitor", new DateOnly(2026, 1, 31));

    [Fact]
    public void Every_signal_guardrail_and_policy_is_listed_with_its_owner_weights_and_state()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Weights[BuiltInSignals.Freshness] = 0f;
                options.ColdStartWeights[BuiltInSignals.Freshness] = 0f;
                options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
            },
            builder => builder.AddSignal(new SaleSignal(), 0.5f, rule: Overdue));
        var rules = sdk.Services.GetRequiredService<IRuleRegistry>().Rules;

        Assert.Equal(BuiltInSignals.All.Count + 1 + BuiltInGuardrails.All.Count + 2, rules.Count);
        Assert.All(rules.Where(r => r.Name != "autumn-sale"), rule =>
        {
            Assert.Equal("Personalize.Sdk", rule.Info.Owner);
            Assert.False(string.IsNullOrEmpty(rule.Info.Metric));
        });
        var sale = rules.Single(r => r.Name == "autumn-sale");
        Assert.Equal((RuleKind.Signal, 0.5f, 0f, true, "growth-team"), (sale.Kind, sale.Weight!.Value, sale.ColdStartWeight!.Value, sale.Enabled, sale.Info.Owner));
        Assert.False(rules.Single(r => r.Name == BuiltInSignals.Freshness).Enabled);
        Assert.False(rules.Single(r => r.Name == BuiltInGuardrails.FrequencyCap).Enabled);
        Assert.Equal(RuleKind.Policy, rules.Single(r => r.Name == BuiltInGuardrails.Consent).Kind);
    }

    [Fact]
    public void The_registry_exports_json_for_audit()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal(new SaleSignal(), 0.5f, rule: Overdue));

        using var json = JsonDocument.Parse(sdk.Services.GetRequiredService<IRuleRegistry>().ExportJson());

        var sale = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "autumn-sale");
        Assert.Equal("Signal", sale.GetProperty("kind").GetString());
        Assert.Equal("growth-team", sale.GetProperty("info").GetProperty("owner").GetString());
        Assert.Equal("2026-01-31", sale.GetProperty("info").GetProperty("reviewBy").GetString());
        Assert.Equal(0.5, sale.GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task A_rule_past_its_review_date_is_a_warning_at_start()
    {
        var logs = new FakeLogCollector();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)));
        builder.Services.AddPersonalization().AddSignal(new SaleSignal(), 0.5f, rule: Overdue);
        using var host = builder.Build();

        await host.StartAsync();
        host.Services.GetRequiredService<IPersonalizer>().Rank(new PersonalizationRequest("someone"));

        // Once: building the personalizer after the start does not warn again.
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("'autumn-sale' was due for review on 2026-01-31 (owner: growth-team)", warning.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public void Without_a_host_a_rule_past_its_review_date_is_a_warning_once_when_the_personalizer_is_built()
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero)));
        services.AddPersonalization().AddSignal(new SaleSignal(), 0.5f, rule: Overdue);
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        personalizer.Rank(new PersonalizationRequest("someone"));
        personalizer.Rank(new PersonalizationRequest("someone else"));

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("'autumn-sale' was due for review on 2026-01-31 (owner: growth-team)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Built_in_rules_and_rules_without_rule_info_have_no_review_date_and_never_warn()
    {
        // Decades after any fixed date: only a rule that set a review date may warn.
        var logs = new FakeLogCollector();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2099, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        builder.Services.AddPersonalization().AddSignal(new SaleSignal(), 0.5f).AddGuardrail(new NamedGuardrail("house-rule"));
        using var host = builder.Build();

        await host.StartAsync();

        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.All(host.Services.GetRequiredService<IRuleRegistry>().Rules, rule => Assert.Null(rule.Info.ReviewBy));
        await host.StopAsync();
    }

    [Fact]
    public void A_rule_without_a_review_date_exports_it_as_null()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal(new SaleSignal(), 0.5f));

        using var json = JsonDocument.Parse(sdk.Services.GetRequiredService<IRuleRegistry>().ExportJson());

        var sale = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "autumn-sale");
        Assert.Equal(JsonValueKind.Null, sale.GetProperty("info").GetProperty("reviewBy").ValueKind);
    }

    [Fact]
    public async Task A_signal_and_a_guardrail_with_one_name_fail_at_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization().AddGuardrail(new NamedGuardrail(BuiltInSignals.Popularity));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"Two rules are named '{BuiltInSignals.Popularity}'", failure.Message, StringComparison.Ordinal);
    }

    private sealed class SaleSignal : ISignalProvider
    {
        public string Name => "autumn-sale";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
        }
    }

    private sealed class NamedGuardrail(string name) : IGuardrail
    {
        public string Name => name;

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
        }

        public string Explain(in DecisionContext context, int itemIndex) => string.Empty;
    }
}
