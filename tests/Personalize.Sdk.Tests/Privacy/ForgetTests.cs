using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Scoring;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

public sealed class ForgetTests
{
    private const string Holdout = "site";

    [Fact]
    public void Forget_leaves_no_trace_of_the_user_or_any_alias_in_any_per_user_structure()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.Rank("guest");
        sdk.View("guest", "books-1");
        sdk.Personalizer.Identify("guest", "account");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("account", "books-2"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("account", "garden", likes: true));
        sdk.Rank("account");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("account", "books-3", revenue: 20m));
        Assert.Contains("measurement ledger", personalizer.StructuresHolding("guest"));
        Assert.Contains("profile store", personalizer.StructuresHolding("account"));
        Assert.Contains("identity map", personalizer.StructuresHolding("account"));

        Assert.True(sdk.Personalizer.Forget("account"));

        foreach (var key in new[] { "guest", "account" })
        {
            Assert.Empty(personalizer.StructuresHolding(key));
            Assert.True(sdk.Personalizer.GetPersonalData(key).IsEmpty);
        }
    }

    [Fact]
    public void After_Forget_a_purchase_under_the_same_key_is_not_attributed_to_the_erased_arm()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        var arm = sdk.Rank("guest").Holdout!.Value.Arm;
        sdk.Personalizer.Identify("guest", "account");

        sdk.Personalizer.Forget("account");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("guest", "books-1", revenue: 10m));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("account", "books-1", revenue: 10m));

        Assert.Equal(0, Converted(reporter.GetReport(Holdout), arm));
    }

    [Fact]
    public void After_Forget_the_key_is_a_brand_new_unit_in_measurement()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        var arm = sdk.Rank("user").Holdout!.Value.Arm;
        sdk.Personalizer.Forget("user");
        sdk.Time.Advance(TimeSpan.FromHours(1));

        sdk.Rank("user");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 10m));

        var report = reporter.GetReport(Holdout);
        Assert.Equal(2, Exposed(report, arm));
        Assert.Equal(1, Converted(report, arm));
        var membership = Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts);
        Assert.Equal(sdk.Time.GetUtcNow(), membership.FirstExposed);
    }

    [Fact]
    public void Forget_by_an_alias_erases_the_known_profile_too()
    {
        using var sdk = new TestSdk();
        sdk.View("guest", "books-1");
        sdk.Personalizer.Identify("guest", "account");
        sdk.View("account", "books-2");

        Assert.True(sdk.Personalizer.Forget("guest"));

        Assert.Equal(DecisionReason.NoHistory, sdk.Rank("account").Reason);
        Assert.True(sdk.Personalizer.GetPersonalData("account").IsEmpty);
    }

    [Fact]
    public void A_decision_leaves_no_copy_of_the_profile_in_the_thread_scratch()
    {
        using var sdk = new TestSdk();
        sdk.View("user", "books-1", "books-2");
        sdk.Rank("user");

        Assert.DoesNotContain("decision scratch", ((Personalizer)sdk.Personalizer).StructuresHolding("user"));
    }

    [Fact]
    public void An_erased_persons_items_and_times_are_zeroed_in_the_decision_scratch_too()
    {
        using var sdk = new TestSdk();
        sdk.View("user", "books-1", "kitchen-1");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "kitchen-1"));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "books-2"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "books", likes: true));
        sdk.Rank("user");
        sdk.Rank("user"); // copies the showings the first one recorded

        Assert.True(sdk.Personalizer.Forget("user"));

        var scratch = DecisionScratch.Rent();
        try
        {
            var copy = scratch.Profile;
            Assert.Equal((0L, 0L), (copy.RecentItems.TicksAt(0), copy.RecentItems.TicksAt(1)));
            Assert.Equal((0d, 0L), copy.Categories.StoredAt(0));
            Assert.Equal(0L, copy.Purchases.TicksAt(0));
            Assert.Equal(0L, copy.Dismissed.TicksAt(0));
            Assert.Equal(0L, copy.Preferences.At(0).Ticks);
            Assert.Equal(0L, copy.Shows.FirstShownAt(0));
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    [Fact]
    public void A_sensitive_item_the_copy_dropped_is_zeroed_in_the_decision_scratch_too()
    {
        IReadOnlyList<CatalogItem> catalog =
        [
            new CatalogItem { Key = "kitchen-1", Category = "kitchen", Attributes = new Dictionary<string, string> { ["color"] = "red" } },
            new CatalogItem { Key = "pharmacy-1", Category = "pharmacy", Attributes = new Dictionary<string, string> { ["condition"] = "diabetes" } },
        ];
        using var sdk = new TestSdk(options => options.Guardrails.SensitiveCategories.Add("pharmacy"), catalog: catalog);
        // pharmacy-1 is the newest recent item, pharmacy the second category and condition=diabetes the
        // second attribute and stated like: the copy drops them (no SensitiveCategories consent), and a
        // removal must not leave them past the table's count.
        sdk.View("user", "kitchen-1", "pharmacy-1");
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "kitchen", likes: true));
        sdk.Personalizer.Track(PersonalizationEvent.StatedAttributePreference("user", "condition", "diabetes", likes: true));
        sdk.Rank("user");

        Assert.True(sdk.Personalizer.Forget("user"));

        var scratch = DecisionScratch.Rent();
        try
        {
            Assert.Equal(0L, scratch.Profile.RecentItems.TicksAt(1));
            Assert.Equal((0d, 0L), scratch.Profile.Categories.StoredAt(1));
            Assert.Equal((0d, 0L), scratch.Profile.Attributes.StoredAt(1));
            Assert.Equal(0L, scratch.Profile.Preferences.At(1).Ticks);
        }
        finally
        {
            DecisionScratch.Return(scratch);
        }
    }

    private static long Exposed(LiftReport report, HoldoutArm arm) => arm == HoldoutArm.Control ? report.Control.ExposedUnits : report.Treatment.ExposedUnits;

    private static long Converted(LiftReport report, HoldoutArm arm) => arm == HoldoutArm.Control ? report.Control.ConvertedUnits : report.Treatment.ConvertedUnits;

    [Fact]
    public void Forget_reports_erasing_a_person_held_only_by_a_decision_waiting_for_rewards()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink());
        var decision = sdk.Rank("newbie", 3);
        Assert.True(sdk.Personalizer.Reward(decision.Id, 0.1)); // held under "newbie"

        Assert.True(sdk.Personalizer.Forget("newbie"));         // "True when there was anything to erase"
        Assert.False(sdk.Personalizer.Reward(decision.Id, 0.2));
        Assert.False(sdk.Personalizer.Forget("newbie"));
    }

    [Fact]
    public void An_event_dated_at_the_instant_of_the_erasure_is_rejected_as_the_readme_says()
    {
        using var sdk = new TestSdk();
        using var rejected = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.rejected");
        sdk.View("user", "books-1");
        sdk.Personalizer.Forget("user");

        // README, Events: "a timestamp at or before an erasure of its user made within the last five minutes".
        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-2") with { Timestamp = sdk.Time.GetUtcNow() });

        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty);
        Assert.Single(rejected.GetMeasurementSnapshot());
    }

    [Fact]
    public void An_event_the_host_dates_before_an_erasure_does_not_bring_the_person_back()
    {
        using var sdk = new TestSdk();
        using var rejected = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.rejected");
        var clicked = sdk.Time.GetUtcNow();
        sdk.View("user", "books-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(10));
        sdk.Personalizer.Forget("user");

        // A dismissal held for its undo window, told after the erasure with the time it was clicked.
        sdk.Time.Advance(TimeSpan.FromSeconds(20));
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "books-2") with { Timestamp = clicked });

        Assert.True(sdk.Personalizer.GetPersonalData("user").IsEmpty);
        Assert.Equal("dated before the person was erased", Assert.Single(rejected.GetMeasurementSnapshot()).Tags["reason"]);

        // What the person does after the erasure is theirs again.
        sdk.Personalizer.Track(PersonalizationEvent.View("user", "books-3") with { Timestamp = sdk.Time.GetUtcNow() });
        Assert.Equal(1, sdk.Personalizer.GetPersonalData("user").Profile!.EventCount);
    }
}
