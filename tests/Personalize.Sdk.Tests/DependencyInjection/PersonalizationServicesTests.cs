using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

/// <summary><see cref="PersonalizerBuilder.BuildServices"/>: the container's services without a container.</summary>
public sealed class PersonalizationServicesTests
{
    private const string Holdout = "all-personalization";

    private static readonly Action<PersonalizationOptions> Configure = options =>
    {
        options.Placements["home"] = new PlacementOptions { Count = 4 };
        options.Learning.Mode = LearningMode.Apprentice;
        options.Learning.ExplorationSeed = 7;

        // Exploration draws from a seeded generator, and the similar-items model, which folds events
        // on the thread pool, is off: two personalizers given the same events then decide alike.
        options.Weights[BuiltInSignals.SimilarItems] = 0f;
    };

    [Fact]
    public void Every_report_reads_what_the_container_s_reports_read_for_the_same_events()
    {
        using var container = new TestSdk(Configure, builder => builder.AddHoldout(Holdout, 5_000).AddSignal(new FavouriteSignal(), 0.5f));
        var time = new FakeTimeProvider(TestSdk.Start);
        using var built = new PersonalizerBuilder()
            .Configure(Configure)
            .AddCatalog(TestCatalog.Items)
            .AddHoldout(Holdout, 5_000)
            .AddSignal(new FavouriteSignal(), 0.5f)
            .UseTimeProvider(time)
            .BuildServices();

        Drive(container.Personalizer, container.Time);
        Drive(built.Personalizer, time);

        var services = container.Services;
        Assert.Equal(services.GetRequiredService<ILiftReporter>().GetReport(Holdout).ToJson(), built.Lift.GetReport(Holdout).ToJson());
        Assert.Equal(services.GetRequiredService<IReadinessReporter>().GetReport().ToJson(), built.Readiness.GetReport().ToJson());
        Assert.Equal(services.GetRequiredService<IRuleRegistry>().ExportJson(), built.Rules.ExportJson());
        Assert.Equal(
            services.GetRequiredService<IHoldoutAssigner>().Holdouts.Select(h => (h.Name, h.BasisPoints)),
            built.Holdouts.Holdouts.Select(h => (h.Name, h.BasisPoints)));
        Assert.Equal(Summaries(services.GetRequiredService<ILearningReporter>().GetReport()), Summaries(built.Learning.GetReport()));

        // Not vacuous: the reports counted what was driven.
        var lift = built.Lift.GetReport(Holdout);
        Assert.Equal(40, lift.Treatment.ExposedUnits + lift.Control.ExposedUnits);
        Assert.True(lift.Treatment.ConvertedUnits + lift.Control.ConvertedUnits > 0);
        Assert.Equal(40, built.Readiness.GetReport()["home"].Coverage.Decisions);
        Assert.Contains(built.Rules.Rules, rule => rule.Name == FavouriteSignal.SignalName);
        Assert.Contains(built.Learning.GetReport().Placements, p => p.Placement == "home" && p.Decisions == 40 && p.SettledDecisions > 0);
    }

    [Fact]
    public void The_documented_example_runs_as_written()
    {
        var items = TestCatalog.Items;
        CatalogItem[] newItems = [.. TestCatalog.Items.Take(5)];
        var output = new StringWriter();

        // As in the <example> of PersonalizationServices, with Console.Out captured.
        using var sdk = new PersonalizerBuilder()
            .AddCatalog(items)
            .AddHoldout("all-personalization", basisPoints: 1_000)
            .BuildServices();
        sdk.Personalizer.Track(PersonalizationEvent.View("visitor-42", "boots"));
        sdk.Catalog.Replace(newItems);
        output.WriteLine(sdk.Lift.GetReport("all-personalization").ToTable());

        Assert.Equal(5, sdk.Catalog.Count);
        Assert.Contains("all-personalization", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_replaced_through_the_services_is_what_the_personalizer_ranks()
    {
        using var built = new PersonalizerBuilder().AddCatalog(TestCatalog.Items).BuildServices();
        var before = built.Catalog.Version;

        built.Catalog.Replace([new CatalogItem { Key = "lantern", Category = "camping" }, new CatalogItem { Key = "stove", Category = "camping" }]);

        Assert.True(built.Catalog.Version > before);
        Assert.Equal(2, built.Catalog.Count);
        var decision = built.Personalizer.Rank(new PersonalizationRequest("ana") { Count = 10 });
        Assert.Equal(["lantern", "stove"], decision.Items.Select(i => i.ItemKey).Order());
    }

    [Fact]
    public void The_catalog_file_added_on_the_builder_is_loaded_at_build_and_only_one_file_is_taken()
    {
        using var file = new TempCatalogFile("""{ "items": [ { "key": "file-1", "category": "file" }, { "key": "file-2", "category": "file" } ] }""");
        using var other = new TempCatalogFile("""{ "items": [] }""");
        var builder = new PersonalizerBuilder().AddCatalogFile(file.Path).AddCatalogFile(file.Path);

        var second = Assert.Throws<ArgumentException>("path", () => builder.AddCatalogFile(other.Path));
        Assert.Contains(file.Path, second.Message, StringComparison.Ordinal);
        using var built = builder.BuildServices();

        Assert.Equal(2, built.Catalog.Count);
        Assert.True(built.Catalog.TryGetItem("file-2", out var item));
        Assert.Equal("file", item!.Category);
    }

    [Fact]
    public void A_catalog_file_that_is_not_there_fails_the_build_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"personalize-missing-{Guid.NewGuid():N}.json");

        var failure = Assert.Throws<OptionsValidationException>(() => new PersonalizerBuilder().AddCatalogFile(missing).Build());

        Assert.Contains(missing, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalog_file_that_is_not_a_catalog_is_left_out_and_the_items_in_code_serve()
    {
        using var file = new TempCatalogFile("this is not a catalog");

        using var built = new PersonalizerBuilder().AddCatalog(TestCatalog.Items.Take(3)).AddCatalogFile(file.Path).BuildServices();

        Assert.Equal(3, built.Catalog.Count);
        Assert.Equal(3, built.Personalizer.Rank(new PersonalizationRequest("ana") { Count = 10 }).Items.Count);
    }

    [Fact]
    public void The_holdout_added_on_the_builder_assigns_as_the_personalizer_serves()
    {
        using var built = new PersonalizerBuilder().AddCatalog(TestCatalog.Items).AddHoldout(Holdout, 2_500, salt: "s1").BuildServices();
        var control = 0;
        for (var i = 0; i < 400; i++)
        {
            var user = $"user-{i}";
            var assignment = built.Holdouts.Assign(Holdout, user);
            Assert.Equal(assignment, built.Personalizer.GetHoldoutAssignment(user, Holdout));
            var decision = built.Personalizer.Rank(new PersonalizationRequest(user));
            Assert.Equal(assignment.Arm == HoldoutArm.Control, decision.Variant == DecisionVariant.Control);
            control += assignment.Arm == HoldoutArm.Control ? 1 : 0;
        }

        // A quarter in control, within about four standard deviations (8.7).
        Assert.InRange(control, 65, 135);
    }

    [Fact]
    public void The_exposure_sink_added_on_the_builder_receives_exposures_and_outcomes()
    {
        var sink = new RecordingSink();
        using var built = new PersonalizerBuilder()
            .AddCatalog(TestCatalog.Items)
            .AddHoldout(Holdout, 5_000)
            .AddExposureSink(sink)
            .UseTimeProvider(new FakeTimeProvider(TestSdk.Start))
            .BuildServices();

        var decision = built.Personalizer.Rank(new PersonalizationRequest("ana") { Count = 3 });
        built.Personalizer.Track(PersonalizationEvent.Purchase("ana", decision.Items[0].ItemKey, 1, 20m));

        var exposure = Assert.Single(sink.Exposures);
        Assert.Equal((decision.Id, "ana", Holdout), exposure);
        var outcome = Assert.Single(sink.Outcomes);
        Assert.Equal(("ana", EventKind.Purchase, decision.Items[0].ItemKey, 20m), (outcome.UnitKey, outcome.Kind, outcome.ItemKey, outcome.Revenue));
    }

    [Fact]
    public void Disposing_the_services_disposes_the_personalizer_and_a_second_dispose_is_harmless()
    {
        var time = new CountingTimeProvider(new FakeTimeProvider(TestSdk.Start));
        var built = new PersonalizerBuilder().AddCatalog(TestCatalog.Items).UseTimeProvider(time).BuildServices();
        Assert.Equal(1, time.Live);

        built.Dispose();
        built.Dispose();

        Assert.Equal(0, time.Live);
    }

    [Fact]
    public void Bad_options_fail_build_services_as_they_fail_build()
    {
        var builder = new PersonalizerBuilder().AddHoldout(Holdout, 10_001);

        var failure = Assert.Throws<OptionsValidationException>(() => builder.BuildServices());

        Assert.Equal(Assert.Throws<OptionsValidationException>(() => builder.Build()).Message, failure.Message);
        Assert.Contains(Holdout, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_new_builder_arguments_are_checked_at_once()
    {
        var builder = new PersonalizerBuilder();

        Assert.Throws<ArgumentNullException>("name", () => builder.AddHoldout(null!, 1_000));
        Assert.Throws<ArgumentException>("name", () => builder.AddHoldout("", 1_000));
        Assert.Throws<ArgumentException>("name", () => builder.AddHoldout("bad\uD800name", 1_000));
        Assert.Throws<ArgumentNullException>("sink", () => builder.AddExposureSink(null!));
        Assert.Throws<ArgumentNullException>("path", () => builder.AddCatalogFile(null!));
        Assert.Throws<ArgumentException>("path", () => builder.AddCatalogFile(""));
    }

    /// <summary>Views, decisions on "home" and purchases of what was shown, for 40 people, then 15 minutes, past the learner's reward wait.</summary>
    private static void Drive(IPersonalizer personalizer, FakeTimeProvider time)
    {
        for (var i = 0; i < 40; i++)
        {
            var user = $"user-{i}";
            personalizer.Track(PersonalizationEvent.View(user, TestCatalog.Items[i % TestCatalog.Items.Count].Key));
            var decision = personalizer.Rank(new PersonalizationRequest(user) { Placement = "home" });
            if (i % 3 == 0)
            {
                personalizer.Track(PersonalizationEvent.Purchase(user, decision.Items[^1].ItemKey, 1, 10m + i));
            }

            time.Advance(TimeSpan.FromSeconds(10));
        }

        time.Advance(TimeSpan.FromMinutes(15));
    }

    private static IEnumerable<(string, LearningMode, long, long)> Summaries(LearningReport report) =>
        report.Placements.Select(p => (p.Placement, p.Mode, p.Decisions, p.SettledDecisions));

    private sealed class RecordingSink : IExposureSink
    {
        public List<(Guid DecisionId, string UnitKey, string Holdout)> Exposures { get; } = [];

        public List<Outcome> Outcomes { get; } = [];

        public void RecordExposure(in Exposure exposure) => Exposures.Add((exposure.DecisionId, exposure.UnitKey, exposure.Holdout));

        public void RecordOutcome(in Outcome outcome) => Outcomes.Add(outcome);
    }
}
