using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public void No_exception_from_a_provider_or_a_guardrail_ever_reaches_the_caller()
    {
        var chaos = new Chaos(seed: 11);
        var guard = new Chaos(seed: 12, name: "chaos-guard");
        using var sdk = new TestSdk(build: builder => builder.AddSignal(chaos, 1f, 1f).AddGuardrail(guard));
        var random = new Random(5);
        var variants = new HashSet<DecisionVariant>();

        for (var i = 0; i < 2_000; i++)
        {
            var user = $"user-{random.Next(20)}";
            sdk.View(user, TestCatalog.Items[random.Next(TestCatalog.Items.Count)].Key);
            var decision = sdk.Personalizer.Rank(new PersonalizationRequest(user) { Explain = i % 3 == 0 });
            variants.Add(decision.Variant);
            Assert.All(decision.Items, item => Assert.True(float.IsFinite(item.Score)));
        }

        Assert.Contains(DecisionVariant.Fallback, variants);
        Assert.Contains(DecisionVariant.Personalized, variants);
        Assert.True(chaos.Throws > 100);
        Assert.True(guard.Throws > 100);
    }

    [Fact]
    public void A_failing_guardrail_makes_the_decision_fall_back_to_what_the_others_allowed()
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new Chaos(seed: 0, always: true)));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "hiking-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 3 });

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (decision.Variant, decision.Reason));
        Assert.Equal(["hiking-2", "hiking-3", "hiking-4"], decision.Items.Select(i => i.ItemKey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_guardrail_that_throws_after_removing_some_candidates_removes_none(bool explain)
    {
        using var sdk = new TestSdk(build: builder => builder.AddGuardrail(new ClearsThenThrows()));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("u", "hiking-1"));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Count = 16, Explain = explain });

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.GuardrailFailed), (decision.Variant, decision.Reason));
        Assert.Equal(TestCatalog.Items.Select(i => i.Key).Where(key => key != "hiking-1"), decision.Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void A_failing_provider_is_logged_at_most_once_a_minute()
    {
        var logs = new FakeLogCollector();
        using var sdk = new TestSdk(build: builder =>
        {
            builder.AddSignal(new Chaos(seed: 0, always: true), 1f, 1f);
            builder.Services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        });

        for (var i = 0; i < 5; i++)
        {
            sdk.Rank("u");
        }

        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Rank("u");

        Assert.Equal(2, logs.GetSnapshot().Count(r => r.Message.Contains("Signal provider 'chaos' failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_kill_switch_turns_personalization_off_and_on_live_without_a_restart()
    {
        var configuration = new ConfigurationManager();
        configuration["Personalization:KillSwitch"] = "false";
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestSdk.Start));
        services.Configure<PersonalizationOptions>(configuration.GetSection("Personalization"));
        services.AddPersonalization().AddCatalog(TestCatalog.Items);
        using var provider = services.BuildServiceProvider();
        var personalizer = provider.GetRequiredService<IPersonalizer>();
        personalizer.Track(PersonalizationEvent.View("u", "books-1"));
        Assert.Equal(DecisionVariant.Personalized, personalizer.Rank(new PersonalizationRequest("u")).Variant);

        configuration["Personalization:KillSwitch"] = "true";
        ((IConfigurationRoot)configuration).Reload();

        var off = personalizer.Rank(new PersonalizationRequest("u"));
        Assert.Equal((DecisionVariant.Fallback, DecisionReason.KillSwitch), (off.Variant, off.Reason));
        Assert.Equal(DecisionVariant.Fallback, personalizer.Rank(new PersonalizationRequest("someone-new")).Variant);

        configuration["Personalization:KillSwitch"] = "false";
        ((IConfigurationRoot)configuration).Reload();
        Assert.Equal(DecisionVariant.Personalized, personalizer.Rank(new PersonalizationRequest("u")).Variant);
    }

    [Fact]
    public void A_thin_or_stale_profile_gets_the_cold_start_weights()
    {
        using var sdk = new TestSdk(options => options.MinConfidence = 0.3);
        sdk.View("thin", "books-1");
        sdk.View("rich", "books-1", "books-2", "books-3");

        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.LowConfidence), (sdk.Rank("thin").Variant, sdk.Rank("thin").Reason));
        Assert.Equal((DecisionVariant.Personalized, DecisionReason.Profile), (sdk.Rank("rich").Variant, sdk.Rank("rich").Reason));

        // Three events 20 days ago: 0.45 by volume, times 0.37 for age, is below 0.3.
        sdk.Time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(DecisionReason.LowConfidence, sdk.Rank("rich").Reason);
    }

    [Fact]
    public void A_low_intent_request_opts_out_of_personalization()
    {
        using var sdk = new TestSdk();
        sdk.View("u", "books-1", "books-2", "books-3");

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u") { Context = new RequestContext { LowIntent = true } });

        Assert.Equal((DecisionVariant.ColdStart, DecisionReason.LowIntent), (decision.Variant, decision.Reason));
    }

    [Fact]
    public void An_empty_catalog_gives_a_fallback_not_an_error()
    {
        using var sdk = new TestSdk();
        sdk.Catalog.Replace([]);

        var decision = sdk.Rank("u");

        Assert.Equal((DecisionVariant.Fallback, DecisionReason.NoKnownCandidates), (decision.Variant, decision.Reason));
        Assert.Empty(decision.Items);
    }

    /// <summary>Clears every other candidate, then throws: none of its removals may stand.</summary>
    private sealed class ClearsThenThrows : IGuardrail
    {
        public string Name => "clears-then-throws";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < eligible.Length; i += 2)
            {
                eligible[i] = false;
            }

            throw new InvalidOperationException("halfway");
        }

        public string Explain(in DecisionContext context, int itemIndex) => "never explained";
    }

    /// <summary>A provider and guardrail that throw at random (or always).</summary>
    private sealed class Chaos(int seed, bool always = false, string name = "chaos") : ISignalProvider, IGuardrail
    {
        private readonly Random _random = new(seed);

        public int Throws { get; private set; }

        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            Maybe();
            column.Fill(_random.Next(3) == 0 ? float.NaN : 0.5f);
        }

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            Maybe();
            eligible[0] = false;
        }

        public string Explain(in DecisionContext context, int itemIndex)
        {
            Maybe();
            return "chaos";
        }

        private void Maybe()
        {
            if (always || _random.Next(4) == 0)
            {
                Throws++;
                throw new InvalidOperationException("chaos");
            }
        }
    }
}
