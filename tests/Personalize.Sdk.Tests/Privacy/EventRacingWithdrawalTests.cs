using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// An event that read the person's consent (given) before a withdrawal and writes after it: the
/// profile refuses its behaviour, and the event is then one of a person without consent all the
/// way through: not attributed in the lift report, counted in
/// <c>personalize.events.without_consent</c>, journaled anonymously. The withdrawal runs inside
/// the event, through the event pipeline's test seam, so the race is deterministic.
/// </summary>
public sealed class EventRacingWithdrawalTests
{
    [Fact]
    public void A_purchase_racing_a_withdrawal_is_not_attributed_in_the_lift_report()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000));
        var personalizer = (Personalizer)sdk.Personalizer;
        var lift = sdk.Services.GetRequiredService<ILiftReporter>();
        sdk.View("ann", "books-1");
        sdk.Rank("ann", 3); // exposed: measured in "site"

        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "books-2", 1, 50m));

        Assert.Null(personalizer.Events.RaceBeforeProfileWrite);
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("ann"));
        var data = sdk.Personalizer.GetPersonalData("ann");
        Assert.Equal(0, data.Profile!.EventCount);
        var membership = Assert.Single(data.Holdouts); // her unit and exposure stay, as for anyone without consent
        Assert.False(membership.Converted);
        Assert.Equal(0, membership.Revenue);
        var report = lift.GetReport("site");
        Assert.Equal(0, report.Treatment.ConvertedUnits + report.Control.ConvertedUnits);
        Assert.Equal(0, report.Treatment.Revenue + report.Control.Revenue);
    }

    [Fact]
    public void An_event_racing_a_withdrawal_is_counted_without_consent_and_still_counts_in_popularity()
    {
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity));
        var personalizer = (Personalizer)sdk.Personalizer;
        using var withoutConsent = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.events.without_consent");
        sdk.View("ann", "books-1");
        sdk.View("someone", "garden-1");

        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "books-4", 1, 50m));

        var counted = Assert.Single(withoutConsent.GetMeasurementSnapshot());
        Assert.Equal("purchase", counted.Tags["kind"]);
        Assert.Equal("books-4", sdk.TopKeys("stranger", 1)[0]); // once, anonymously: a purchase outweighs a view
    }

    [Fact]
    public void An_event_racing_a_withdrawal_is_journaled_as_applied_anonymously()
    {
        var journal = new RecordingJournal();
        using var sdk = new TestSdk(build: builder => builder.Services.AddSingleton<IChangeJournal>(journal));
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");

        personalizer.Events.RaceBeforeProfileWrite = () => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("ann", "books-2", 1, 50m));

        // Another server, or the person's records in a shared store, must not take it as behaviour.
        Assert.Equal([("view", "ann"), ("consent", "ann"), ("purchase", null)], journal.Events);
    }

    private sealed class RecordingJournal : IChangeJournal
    {
        public List<(string Kind, string? ProfileKey)> Events { get; } = [];

        public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp) =>
            Events.Add((personalizationEvent.Kind.ToString().ToLowerInvariant(), profileKey));

        public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt)
        {
        }

        public bool ConfirmsErasures => false;

        public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt)
        {
        }

        public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
        {
        }

        public bool Rewarded(Guid decisionId, string? itemKey, double reward) => true;
    }
}
