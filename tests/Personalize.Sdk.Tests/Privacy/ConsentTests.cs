using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

public sealed class ConsentTests
{
    [Fact]
    public void Without_consent_an_event_stores_nothing_about_the_person_but_still_counts_in_popularity()
    {
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        using var withoutConsent = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.without_consent");
        sdk.View("someone", "garden-1");

        sdk.View("private", "books-4", "books-4", "books-4");

        Assert.True(sdk.Personalizer.GetPersonalData("private").IsEmpty);
        Assert.Equal(0, sdk.ProfileCount);
        Assert.Equal("books-4", sdk.TopKeys("stranger", 1)[0]);
        Assert.Equal(4, withoutConsent.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public void After_consent_is_withdrawn_events_build_no_profile_and_only_the_consent_is_kept()
    {
        using var sdk = new TestSdk();
        sdk.View("user", "books-1");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        sdk.View("user", "kitchen-1", "kitchen-2");
        sdk.Personalizer.Track(PersonalizationEvent.Dismiss("user", "garden-1"));
        sdk.Personalizer.Track(PersonalizationEvent.StatedCategoryPreference("user", "garden", likes: true));

        var data = sdk.Personalizer.GetPersonalData("user");
        Assert.Equal(ConsentFlags.None, data.StatedConsent);
        Assert.Equal(0, data.Profile!.EventCount);
        Assert.Empty(data.Profile.RecentItems);
        Assert.Empty(data.Profile.Categories);
        Assert.Empty(data.Profile.Dismissed);
        Assert.Empty(data.Profile.StatedPreferences);
    }

    [Fact]
    public void After_consent_is_withdrawn_decisions_keep_no_record_of_what_the_person_was_shown()
    {
        using var sdk = new TestSdk();
        sdk.View("user", "books-1");
        var before = sdk.Rank("user", 3);
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData("user").Profile!.Showings);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        // Six decisions: with showings kept, the frequency cap would rest what the first ones showed.
        var decisions = Enumerable.Range(0, 6).Select(_ => sdk.Rank("user", 3)).ToArray();

        Assert.Empty(sdk.Personalizer.GetPersonalData("user").Profile!.Showings);
        Assert.All(decisions, decision => Assert.Equal(decisions[0].Items.Select(i => i.ItemKey), decision.Items.Select(i => i.ItemKey)));
        Assert.NotEqual(before.Items.Select(i => i.ItemKey), decisions[0].Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void A_purchase_without_consent_is_not_attributed_in_the_lift_report()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        sdk.Rank("user");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 30m));

        var report = reporter.GetReport("site");
        Assert.Equal(0, report.Control.ConvertedUnits + report.Treatment.ConvertedUnits);
        Assert.False(Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts).Converted);
    }

    [Fact]
    public void Withdrawing_consent_erases_the_persons_holdout_outcomes_and_keeps_their_arm_and_the_anonymous_totals()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var reporter = sdk.Services.GetRequiredService<ILiftReporter>();
        sdk.View("user", "books-1");
        sdk.Rank("user");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        var before = Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts);
        Assert.True(before.Converted);

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));

        var after = Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts);
        Assert.Equal(before.Arm, after.Arm);
        Assert.Equal(before.FirstExposed, after.FirstExposed);
        Assert.False(after.Converted);
        Assert.Equal(0, after.Revenue);

        // The arm's totals keep the purchase as an anonymous count, and the unit adds nothing more,
        // even once the person consents again: counted twice, it would convert twice.
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-2", revenue: 10m));
        var report = reporter.GetReport("site");
        Assert.Equal(1, report.Control.ConvertedUnits + report.Treatment.ConvertedUnits);
        Assert.Equal(42.0, report.Control.Revenue + report.Treatment.Revenue, 6);
        Assert.False(Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts).Converted);
    }

    [Fact]
    public async Task Consent_withdrawn_while_an_event_is_applied_never_leaves_behaviour_behind()
    {
        using var sdk = new TestSdk();
        var stop = false;
        var viewer = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                sdk.View("user", "books-1");
            }
        });

        for (var round = 0; round < 200; round++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization));
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("user"));
            Assert.Equal(0, sdk.Personalizer.GetPersonalData("user").Profile!.EventCount);
        }

        Volatile.Write(ref stop, true);
        await viewer;
    }

    [Fact]
    public void Consent_reads_back_as_stated_else_the_default()
    {
        using var sdk = new TestSdk(options => options.DefaultConsent = ConsentFlags.None);
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("user"));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("user", ConsentFlags.Personalization | ConsentFlags.SensitiveCategories));
        sdk.Personalizer.Identify("user", "account");

        Assert.Equal(ConsentFlags.Personalization | ConsentFlags.SensitiveCategories, sdk.Personalizer.GetConsent("account"));
        Assert.Equal(0, sdk.Personalizer.GetPersonalData("account").Profile!.EventCount);
    }

    [Fact]
    public void Withdrawing_consent_by_one_key_drops_the_waiting_learning_decisions_made_under_the_persons_other_keys()
    {
        var sink = new RewardTests.RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("account", "books-1");                  // the account's unit: "account", first used now
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("guest", "books-1");                    // the guest's unit: "guest", first used later
        var asGuest = sdk.Rank("guest", 3);              // waits for rewards under "guest"
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "account"));

        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("account"));

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("guest"));
        Assert.Empty(sdk.Personalizer.GetPersonalData("guest").WaitingDecisions);
        RewardTests.Settle(sdk);
        Assert.DoesNotContain(asGuest.Id, sink.Records.Select(record => record.DecisionId));
    }
}
