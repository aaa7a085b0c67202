using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Governance;

/// <summary>
/// A plug-in's registration keeps its own weights and rule, and a registration that would be
/// dropped or a name that would appear twice in the registry stops the host instead.
/// </summary>
public sealed class PluginRegistrationTests
{
    [Fact]
    public void An_instance_keeps_its_own_weight_and_rule_beside_a_type_registration_of_its_class()
    {
        var rule = new RuleInfo("team-b", "boost books-4", "ctr");
        using var sdk = new TestSdk(build: builder => builder
            .AddSignal<ItemSignal>(weight: 0f, coldStartWeight: 0f)
            .AddSignal(new ItemSignal("books-boost", "books-4"), weight: 100f, coldStartWeight: 100f, rule: rule));

        var registry = sdk.Services.GetRequiredService<IRuleRegistry>();
        var descriptor = registry.Rules.Single(r => r.Name == "books-boost");

        Assert.Equal((100f, 100f), (descriptor.Weight, descriptor.ColdStartWeight));
        Assert.Equal(rule, descriptor.Info);
        Assert.Equal(0f, registry.Rules.Single(r => r.Name == "any").Weight);
        Assert.Equal("books-4", sdk.Personalizer.Rank(new PersonalizationRequest("new-user")).Items[0].ItemKey);
    }

    [Fact]
    public void A_guardrail_instance_keeps_its_own_rule_beside_a_type_registration_of_its_class()
    {
        var typeRule = new RuleInfo("team-a", "hide garden-3", "complaints");
        var instanceRule = new RuleInfo("team-b", "hide books-4", "returns");
        using var sdk = new TestSdk(build: builder => builder
            .AddGuardrail<KeyGuardrail>(typeRule)
            .AddGuardrail(new KeyGuardrail("no-books-4", "books-4"), instanceRule));

        var registry = sdk.Services.GetRequiredService<IRuleRegistry>();

        Assert.Equal(instanceRule, registry.Rules.Single(r => r.Name == "no-books-4").Info);
        Assert.Equal(typeRule, registry.Rules.Single(r => r.Name == "no-garden-3").Info);
    }

    [Fact]
    public void A_type_registration_after_an_instance_of_its_class_is_built_too()
    {
        var typeRule = new RuleInfo("team-a", "boost garden-3", "ctr");
        using var sdk = new TestSdk(build: builder => builder
            .AddSignal(new ItemSignal("books-boost", "books-4"), weight: 1f)
            .AddSignal<ItemSignal>(weight: 3f, rule: typeRule)
            .AddGuardrail(new KeyGuardrail("no-books-4", "books-4"))
            .AddGuardrail<KeyGuardrail>());

        var registry = sdk.Services.GetRequiredService<IRuleRegistry>();

        Assert.Equal(1f, registry.Rules.Single(r => r.Name == "books-boost").Weight);
        var any = Assert.Single(registry.Rules, r => r.Name == "any");
        Assert.Equal((3f, typeRule), (any.Weight, any.Info));
        Assert.Contains(registry.Rules, r => r.Name == "no-books-4");
        Assert.Contains(registry.Rules, r => r.Name == "no-garden-3");
    }

    [Fact]
    public void One_signal_type_registered_twice_with_other_weights_stops_the_host_naming_it()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
        {
            using var sdk = new TestSdk(build: builder => builder
                .AddSignal<ItemSignal>(weight: 1f)
                .AddSignal<ItemSignal>(weight: 50f, coldStartWeight: 50f));
            _ = sdk.Personalizer;
        });

        Assert.Contains("ItemSignal is registered twice by type", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_type_registration_made_twice_is_harmless()
    {
        using var sdk = new TestSdk(build: builder => builder.AddSignal<ItemSignal>(weight: 2f).AddSignal<ItemSignal>(weight: 2f));

        Assert.Equal(2f, sdk.Services.GetRequiredService<IRuleRegistry>().Rules.Single(r => r.Name == "any").Weight);
    }

    [Theory]
    [InlineData(BuiltInGuardrails.Consent)]
    [InlineData(BuiltInGuardrails.SensitiveCategories)]
    public void A_plug_in_named_like_a_built_in_policy_stops_the_host(string name)
    {
        var signal = Assert.Throws<OptionsValidationException>(() =>
        {
            using var sdk = new TestSdk(build: builder => builder.AddSignal(new ItemSignal(name, "books-4"), 1f));
            _ = sdk.Personalizer;
        });
        var guardrail = Assert.Throws<OptionsValidationException>(() =>
        {
            using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new KeyGuardrail(name, "books-4")));
            _ = sdk.Personalizer;
        });

        Assert.Contains($"Two rules are named '{name}'", signal.Message, StringComparison.Ordinal);
        Assert.Contains($"Two rules are named '{name}'", guardrail.Message, StringComparison.Ordinal);
    }

    public sealed class ItemSignal : ISignalProvider
    {
        private readonly string _item;

        public ItemSignal()
            : this("any", "garden-3")
        {
        }

        public ItemSignal(string name, string item)
        {
            Name = name;
            _item = item;
        }

        public string Name { get; }

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                column[i] = context.GetItem(candidates[i]).Key == _item ? 1f : 0f;
            }
        }
    }

    public sealed class KeyGuardrail : IGuardrail
    {
        private readonly string _item;

        public KeyGuardrail()
            : this("no-garden-3", "garden-3")
        {
        }

        public KeyGuardrail(string name, string item)
        {
            Name = name;
            _item = item;
        }

        public string Name { get; }

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                eligible[i] &= context.GetItem(candidates[i]).Key != _item;
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "Not this one.";
    }
}
