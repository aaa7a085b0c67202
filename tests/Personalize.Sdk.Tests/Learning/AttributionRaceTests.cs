using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// Outcomes read a person's stitched keys without the identity lock, while sign-ins change them and
/// the learner settles: nothing throws, and each outcome credits at most one decision.
/// </summary>
public sealed class AttributionRaceTests
{
    private const int Guests = 300;

    [Fact]
    public async Task Outcomes_racing_sign_ins_and_updates_credit_at_most_one_decision_each()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options =>
        {
            options.Learning.MaxPendingDecisions = 4_096;
            options.MaxAliasesPerProfile = 1_000;
        });
        using var rewards = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.learning.rewards");
        var learner = ((Personalizer)sdk.Personalizer).Learner;
        var reporter = sdk.Services.GetRequiredService<ILearningReporter>();
        using var stop = new CancellationTokenSource();
        var updates = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                learner.Update();
                reporter.GetReport();
            }
        });

        var shoppers = Enumerable.Range(0, 2).Select(thread => Task.Run(() =>
        {
            for (var g = 0; g < Guests; g++)
            {
                var guest = $"guest-{thread}-{g}";
                var account = $"acct-{g % 10}";
                sdk.View(guest, "books-1");
                var decision = sdk.Rank(guest, 3);
                sdk.Personalizer.Identify(guest, account);
                sdk.Personalizer.Track(PersonalizationEvent.Click(account, decision.Items[0].ItemKey));
                sdk.Personalizer.Track(PersonalizationEvent.AddToCart(guest, decision.Items[1].ItemKey));
            }
        })).ToArray();

        await Task.WhenAll(shoppers);
        await stop.CancelAsync();
        await updates;
        RewardTests.Settle(sdk);

        var credited = rewards.GetMeasurementSnapshot().Sum(measurement => measurement.Value);
        var placement = Assert.Single(reporter.GetReport().Placements);
        Assert.Equal(2 * Guests, placement.SettledDecisions);
        Assert.InRange(credited, 1, 2 * 2 * Guests);
        Assert.InRange(placement.RewardedDecisions, 1, credited);
    }
}
