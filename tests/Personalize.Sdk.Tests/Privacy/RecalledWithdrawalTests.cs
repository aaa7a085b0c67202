using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using static Personalize.Sdk.Tests.Learning.RewardTests;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A withdrawal a recall brings (the person withdrew on another server, or here before an
/// eviction) erases what this server holds of their behaviour beyond the profile, as one tracked
/// here does: their decisions waiting for rewards and their holdout outcomes.
/// </summary>
public sealed class RecalledWithdrawalTests
{
    [Fact]
    public void A_recalled_withdrawal_drops_the_persons_decisions_still_waiting_for_rewards()
    {
        var sink = new RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "books-1");
        sdk.View("bob", "books-1");
        var withdrawn = sdk.Rank("ann", 3);
        var kept = sdk.Rank("bob", 3);

        ((IReplica)sdk.Personalizer).ApplyRecalled("ann", [], [PersonalizationEvent.ConsentWithdrawn("ann") with { Timestamp = sdk.Time.GetUtcNow().AddMinutes(-5) }]);

        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("ann"));
        Assert.False(sdk.Personalizer.Reward(withdrawn.Id, 1));
        Settle(sdk);
        Assert.Equal([kept.Id], sink.Records.Select(record => record.DecisionId));
    }

    [Fact]
    public void A_recalled_withdrawal_erases_the_persons_holdout_outcomes_measured_here()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("global", basisPoints: 5_000));
        sdk.View("user", "books-1");
        sdk.Rank("user");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("user", "books-1", revenue: 42m));
        Assert.True(Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts).Converted);

        ((IReplica)sdk.Personalizer).ApplyRecalled("user", [], [PersonalizationEvent.ConsentWithdrawn("user") with { Timestamp = sdk.Time.GetUtcNow().AddMinutes(-5) }]);

        var unit = Assert.Single(sdk.Personalizer.GetPersonalData("user").Holdouts);
        Assert.Equal((false, 0.0), (unit.Converted, unit.Revenue));
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("global");
        Assert.Equal(1L, report.Treatment.ExposedUnits + report.Control.ExposedUnits);
    }

    [Fact]
    public void A_recalled_withdrawal_passed_over_for_a_consent_stated_here_drops_nothing()
    {
        var sink = new RecordingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.Personalizer.Track(PersonalizationEvent.ConsentGiven("ann", ConsentFlags.Personalization));
        sdk.View("ann", "books-1");
        var decision = sdk.Rank("ann", 3);

        ((IReplica)sdk.Personalizer).ApplyRecalled("ann", [], [PersonalizationEvent.ConsentWithdrawn("ann") with { Timestamp = sdk.Time.GetUtcNow().AddMinutes(-5) }]);

        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("ann"));
        Assert.True(sdk.Personalizer.Reward(decision.Id, 1));
        Settle(sdk);
        Assert.Equal([decision.Id], sink.Records.Select(record => record.DecisionId));
    }
}
