using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Guardrails;

/// <summary>
/// Interest in a sensitive category shows in its items' attributes too ("condition=diabetes"):
/// without that consent no signal, custom one or reason may use those attributes.
/// </summary>
public sealed class SensitiveAttributeTests
{
    /// <summary>One brand on a sensitive item and on an ordinary one: interest in it may come from either.</summary>
    private static readonly IReadOnlyList<CatalogItem> AcmeOnPharmacyAndKitchen =
    [
        new CatalogItem { Key = "pharmacy-1", Category = "pharmacy", Attributes = new Dictionary<string, string> { ["brand"] = "Acme" } },
        new CatalogItem { Key = "kitchen-1", Category = "kitchen", Attributes = new Dictionary<string, string> { ["brand"] = "Globex" } },
        new CatalogItem { Key = "kitchen-2", Category = "kitchen", Attributes = new Dictionary<string, string> { ["brand"] = "Acme" } },
    ];

    private static readonly IReadOnlyList<CatalogItem> Catalog =
    [
        new CatalogItem { Key = "pharmacy-1", Category = "pharmacy", Title = "Test strips", Attributes = new Dictionary<string, string> { ["condition"] = "diabetes" } },
        new CatalogItem { Key = "pharmacy-2", Category = "pharmacy", Title = "Glucose meter", Attributes = new Dictionary<string, string> { ["condition"] = "diabetes" } },
        new CatalogItem { Key = "kitchen-1", Category = "kitchen", Title = "Kettle" },
    ];

    private static Action<PersonalizationOptions> PharmacySensitive(Action<PersonalizationOptions> options) =>
        options.Then(o => o.Guardrails.SensitiveCategories.Add("pharmacy"));

    [Fact]
    public void Attribute_affinity_does_not_use_interest_in_a_sensitive_category_without_consent()
    {
        using var sdk = new TestSdk(PharmacySensitive(TestSdk.Only(BuiltInSignals.AttributeAffinity)), catalog: Catalog);
        sdk.View("u", "pharmacy-1", "kitchen-1");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 3 });

        Assert.Equal(DecisionVariant.Personalized, decision.Variant);
        Assert.Equal(0f, decision.Items.Single(item => item.ItemKey == "pharmacy-2").Score);
        Assert.All(decision.Explanation!.Items, item => Assert.DoesNotContain("diabetes", item.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void No_reason_names_a_sensitive_categorys_attribute_without_consent_under_the_default_weights()
    {
        using var sdk = new TestSdk(PharmacySensitive(_ => { }), catalog: Catalog);
        sdk.View("u", "pharmacy-1", "pharmacy-1", "kitchen-1");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 3 });

        Assert.All(decision.Explanation!.Items, item => Assert.DoesNotContain("diabetes", item.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stated_like_of_a_sensitive_categorys_attribute_does_not_rank_without_consent()
    {
        using var sdk = new TestSdk(PharmacySensitive(TestSdk.Only(BuiltInSignals.StatedPreference)), catalog: Catalog);
        sdk.View("u", "kitchen-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("u", "condition", "diabetes", likes: true));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 3 });

        Assert.All(decision.Items, item => Assert.Equal(0f, item.Score));
        Assert.All(decision.Explanation!.Items, item => Assert.DoesNotContain("diabetes", item.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_signal_sees_no_attribute_affinity_of_a_sensitive_category_without_consent()
    {
        var probe = new AttributeProbe();
        using var sdk = new TestSdk(PharmacySensitive(_ => { }), builder => builder.AddSignal(probe, 1f, coldStartWeight: 1f), catalog: Catalog);
        sdk.View("u", "pharmacy-1", "kitchen-1");

        sdk.Rank("u", 3);

        Assert.Equal(0d, probe.Seen);
    }

    [Fact]
    public void An_attribute_other_items_share_with_a_sensitive_category_is_not_used_without_consent()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "pharmacy-1", Category = "pharmacy", Attributes = new Dictionary<string, string> { ["brand"] = "Acme" } },
            new CatalogItem { Key = "kitchen-1", Category = "kitchen", Attributes = new Dictionary<string, string> { ["brand"] = "Acme" } },
            new CatalogItem { Key = "kitchen-2", Category = "kitchen", Attributes = new Dictionary<string, string> { ["brand"] = "Acme" } },
        ];
        using var sdk = new TestSdk(PharmacySensitive(TestSdk.Only(BuiltInSignals.AttributeAffinity)), catalog: catalog);
        sdk.View("u", "kitchen-1");

        Assert.Equal(0f, sdk.ScoreOf("u", "kitchen-2"));
    }

    [Fact]
    public void With_sensitive_categories_consent_attribute_affinity_ranks_and_names_the_attribute()
    {
        using var sdk = new TestSdk(PharmacySensitive(TestSdk.Only(BuiltInSignals.AttributeAffinity)), catalog: Catalog);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("u", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        sdk.View("u", "pharmacy-1", "kitchen-1");

        // Without pharmacy-1, which would name the attribute first (a row says a reason once).
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 3, Candidates = new[] { "pharmacy-2", "kitchen-1" } });

        Assert.Equal(1f, decision.Items.Single(item => item.ItemKey == "pharmacy-2").Score);
        Assert.Equal("Because you like diabetes (condition)", decision.Explanation!.Items.Single(item => item.ItemKey == "pharmacy-2").Reason);
    }

    /// <summary>Records the attribute affinity a custom signal reads for the sensitive item it was never shown.</summary>
    private sealed class AttributeProbe : ISignalProvider
    {
        public double Seen = -1;

        public string Name => "attribute-probe";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            foreach (var candidate in candidates)
            {
                if (context.GetItem(candidate).Key == "pharmacy-2")
                {
                    Seen = profile.GetItemAttributeAffinity(candidate);
                }
            }

            column.Clear();
        }
    }

    [Fact]
    public void Attribute_interest_from_a_sensitive_item_that_left_the_catalog_is_not_used_without_consent()
    {
        var before = AcmeOnPharmacyAndKitchen;
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.AttributeAffinity).Then(options => options.Guardrails.SensitiveCategories.Add("pharmacy")), catalog: before);
        sdk.View("u", "pharmacy-1", "kitchen-1");
        Assert.Equal(0f, sdk.ScoreOf("u", "kitchen-2"));

        sdk.Catalog.Replace(before.Where(item => item.Key != "pharmacy-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 2 });
        Assert.Equal(0f, decision.Items.Single(item => item.ItemKey == "kitchen-2").Score);
        Assert.DoesNotContain("Acme", decision.Explanation!.Items.Single(item => item.ItemKey == "kitchen-2").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_interest_from_a_sensitive_item_stays_sensitive_after_it_left_even_when_no_decision_ran_while_it_was_there()
    {
        var before = AcmeOnPharmacyAndKitchen;
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.AttributeAffinity).Then(options => options.Guardrails.SensitiveCategories.Add("pharmacy")), catalog: before);
        sdk.View("u", "pharmacy-1", "kitchen-1");
        sdk.Catalog.Replace([.. before, new CatalogItem { Key = "kitchen-3", Category = "kitchen" }]); // a snapshot no decision reads
        sdk.Catalog.Replace(before.Where(item => item.Key != "pharmacy-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Explain = true, Count = 2 });

        Assert.Equal(0f, decision.Items.Single(item => item.ItemKey == "kitchen-2").Score);
        Assert.DoesNotContain("Acme", decision.Explanation!.Items.Single(item => item.ItemKey == "kitchen-2").Reason, StringComparison.Ordinal);
    }
}
