using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// Crediting a tracked outcome to a signed-in person's waiting decisions, under every key of theirs,
/// keeps Track allocation-free once warm.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class OutcomeAttributionAllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void Tracking_outcomes_of_a_signed_in_person_with_decisions_waiting_allocates_nothing_once_warm()
    {
        using var sdk = RewardTests.Learning(new RewardTests.RecordingSink(), options => options.Learning.MaxPendingDecisions = 4_096);
        sdk.View("acct", "books-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.View("guest", "books-2");
        sdk.View("phone", "books-3");
        var asGuest = sdk.Rank("guest", 4);
        var onPhone = sdk.Rank("phone", 4);
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "acct"));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("phone", "acct"));
        var asAccount = sdk.Rank("acct", 4);
        PersonalizationEvent[] events =
        [
            PersonalizationEvent.Click("acct", asGuest.Items[0].ItemKey),
            PersonalizationEvent.AddToCart("guest", onPhone.Items[1].ItemKey),
            PersonalizationEvent.Purchase("phone", asAccount.Items[2].ItemKey, 1, 10m),
            PersonalizationEvent.Click("acct", "garden-4"),
        ];

        for (var i = 0; i < 50; i++)
        {
            sdk.Personalizer.Track(events[i % events.Length]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            sdk.Personalizer.Track(events[i % events.Length]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
