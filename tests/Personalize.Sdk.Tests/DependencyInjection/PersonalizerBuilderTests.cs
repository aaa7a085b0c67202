using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

public sealed class PersonalizerBuilderTests
{
    private static readonly Action<PersonalizationOptions> Configure = options =>
    {
        options.AffinityHalfLife = TimeSpan.FromDays(3);
        options.Weights[BuiltInSignals.CoOccurrence] = 1.5f;
        options.Placements["home"] = new PlacementOptions { Count = 3 };
    };

    [Fact]
    public void The_builder_gives_the_same_decisions_as_the_container_for_the_same_events()
    {
        using var container = new TestSdk(Configure, builder => builder.AddSignal(new FavouriteSignal(), 0.5f, 0.25f));
        var builderTime = new FakeTimeProvider(TestSdk.Start);
        var built = new PersonalizerBuilder()
            .Configure(Configure)
            .AddCatalog(TestCatalog.Items)
            .AddSignal(new FavouriteSignal(), 0.5f, 0.25f)
            .UseTimeProvider(builderTime)
            .Build();
        using var disposable = Assert.IsAssignableFrom<IDisposable>(built);

        foreach (var personalizer in new[] { container.Personalizer, built })
        {
            personalizer.Track(PersonalizationEvent.View("ana", "hiking-1"));
            personalizer.Track(PersonalizationEvent.AddToCart("ana", "hiking-2"));
            personalizer.Track(PersonalizationEvent.View("ben", "hiking-2"));
            personalizer.Track(PersonalizationEvent.View("ben", "kitchen-4"));
            personalizer.Track(PersonalizationEvent.Purchase("cy", "books-3", 1, 12m));
        }

        container.Time.Advance(TimeSpan.FromHours(30));
        builderTime.Advance(TimeSpan.FromHours(30));
        foreach (var request in new[] { new PersonalizationRequest("ana"), new PersonalizationRequest("ben") { Count = 8 }, new PersonalizationRequest("cy") { Placement = "home" }, new PersonalizationRequest("new-visitor") })
        {
            var expected = container.Personalizer.Rank(request);
            var actual = built.Rank(request);
            Assert.Equal((expected.Variant, expected.Reason, expected.Timestamp), (actual.Variant, actual.Reason, actual.Timestamp));
            Assert.Equal(expected.Items.Select(i => (i.ItemKey, i.Score)), actual.Items.Select(i => (i.ItemKey, i.Score)));
        }
    }

    [Fact]
    public void Bad_options_throw_at_build_naming_each_option()
    {
        var builder = new PersonalizerBuilder().Configure(options =>
        {
            options.MaxCount = 0;
            options.MinConfidence = double.NaN;
            options.PopularityHalfLife = TimeSpan.Zero;
            options.Guardrails.FrequencyCap = 0;
            options.Readiness.MinimumDecisions = 0;
            options.Weights[BuiltInSignals.Popularity] = -1f;
        });

        var failure = Assert.Throws<OptionsValidationException>(() => builder.Build());

        Assert.Contains("PersonalizationOptions.MaxCount", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.MinConfidence", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.PopularityHalfLife", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Guardrails.FrequencyCap", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Readiness.MinimumDecisions", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Weights[\"popularity\"]", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, failure.Failures.Count());
    }

    [Fact]
    public void A_weight_or_switch_naming_no_rule_throws_at_build_naming_it()
    {
        var builder = new PersonalizerBuilder().Configure(options =>
        {
            options.ColdStartWeights["no-such-signal"] = 1f;
            options.Guardrails.Disabled.Add("no-such-guardrail");
        });

        var failure = Assert.Throws<OptionsValidationException>(() => builder.Build());

        Assert.Contains("PersonalizationOptions.ColdStartWeights[\"no-such-signal\"] names no registered rule", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PersonalizationOptions.Guardrails.Disabled[\"no-such-guardrail\"] names no registered rule", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_object_is_not_read_after_build()
    {
        PersonalizationOptions? configured = null;
        var personalizer = new PersonalizerBuilder()
            .Configure(options => configured = options)
            .AddCatalog(TestCatalog.Items)
            .UseTimeProvider(new FakeTimeProvider(TestSdk.Start))
            .Build();
        personalizer.Track(PersonalizationEvent.View("ana", "books-1"));

        configured!.KillSwitch = true;
        configured.MaxCount = 1;

        var decision = personalizer.Rank(new PersonalizationRequest("ana") { Count = 4 });
        Assert.Equal(DecisionVariant.Personalized, decision.Variant);
        Assert.Equal(4, decision.Items.Count);
    }

    [Fact]
    public void Logs_and_metrics_go_to_the_factories_given()
    {
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var decisions = new MetricCollector<long>(meterFactory, "Personalize.Sdk", "personalize.decisions");
        var personalizer = new PersonalizerBuilder()
            .AddCatalog(TestCatalog.Items)
            .UseLoggerFactory(loggerFactory)
            .UseMeterFactory(meterFactory)
            .Build();

        personalizer.Rank(new PersonalizationRequest("ana") { Placement = "nowhere" });

        Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Contains(logs.GetSnapshot(), r => r.Category == "Personalize.Sdk" && r.Message.Contains("placement that is not configured", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_guardrail_runs_after_the_built_in_ones()
    {
        var personalizer = new PersonalizerBuilder()
            .AddCatalog(TestCatalog.Items)
            .AddGuardrail(new NoBooksGuardrail())
            .Build();

        var decision = personalizer.Rank(new PersonalizationRequest("ana") { Count = 16 });

        Assert.Equal(12, decision.Items.Count);
        Assert.DoesNotContain(decision.Items, i => i.ItemKey.StartsWith("books-", StringComparison.Ordinal));
    }

    [Fact]
    public void Builder_arguments_are_checked_at_once()
    {
        var builder = new PersonalizerBuilder();

        Assert.Throws<ArgumentNullException>("configure", () => builder.Configure(null!));
        Assert.Throws<ArgumentNullException>("items", () => builder.AddCatalog(null!));
        Assert.Throws<ArgumentNullException>("provider", () => builder.AddSignal(null!, 1f));
        Assert.Throws<ArgumentOutOfRangeException>("weight", () => builder.AddSignal(new FavouriteSignal(), float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("coldStartWeight", () => builder.AddSignal(new FavouriteSignal(), 1f, -1f));
        Assert.Throws<ArgumentNullException>("guardrail", () => builder.AddGuardrail(null!));
        Assert.Throws<ArgumentNullException>("timeProvider", () => builder.UseTimeProvider(null!));
        Assert.Throws<ArgumentNullException>("loggerFactory", () => builder.UseLoggerFactory(null!));
        Assert.Throws<ArgumentNullException>("meterFactory", () => builder.UseMeterFactory(null!));
    }

    [Theory]
    [InlineData(LearningMode.Off, 1)]
    [InlineData(LearningMode.Online, 2)]
    public void The_built_personalizer_runs_the_timers_its_documentation_names_and_disposing_it_stops_them(LearningMode mode, int timers)
    {
        var time = new CountingTimeProvider(new FakeTimeProvider(TestSdk.Start));
        var built = new PersonalizerBuilder()
            .Configure(options => options.Learning.Mode = mode)
            .AddCatalog(TestCatalog.Items)
            .UseTimeProvider(time)
            .Build();

        // The similar-items refresh, and the learner's update when a placement learns.
        Assert.Equal(timers, time.Created);
        Assert.Equal(timers, time.Live);

        ((IDisposable)built).Dispose();

        Assert.Equal(0, time.Live);
    }

    private sealed class NoBooksGuardrail : IGuardrail
    {
        public string Name => "no-books";

        public void Apply(in DecisionContext context, ReadOnlySpan<int> candidates, Span<bool> eligible)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                eligible[i] &= context.GetItem(candidates[i]).Category != "books";
            }
        }

        public string Explain(in DecisionContext context, int itemIndex) => "No books.";
    }
}
