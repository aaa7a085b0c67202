using Personalize.Sdk.Scoring;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// A decision copies the live profile lock-free and copies again when a write overlapped: the
/// retry may write fewer entries than the torn attempt did, and none of those may stay behind in
/// the thread's reused copy after the decision.
/// </summary>
public sealed class TornCopyTests
{
    [Fact]
    public void A_decision_whose_copy_was_retried_keeps_no_recent_item_of_the_person_after_it()
    {
        using var sdk = new TestSdk();
        sdk.View("u", "kitchen-1", "kitchen-2", "books-1");
        using var stop = new CancellationTokenSource();
        var writer = new Thread(() =>
        {
            // A low rating takes books-1 out of the recent items, a view puts it back: counts of 2 and 3.
            while (!stop.IsCancellationRequested)
            {
                sdk.Personalizer.Track(PersonalizationEvent.Rating("u", "books-1", 0f));
                sdk.Personalizer.Track(PersonalizationEvent.View("u", "books-1"));
            }
        });
        string? residue = null;
        writer.Start();
        try
        {
            for (var decision = 0; decision < 3_000 && residue is null; decision++)
            {
                sdk.Rank("u", 4);
                var scratch = DecisionScratch.Rent();
                try
                {
                    for (var slot = 0; slot < 8 && residue is null; slot++)
                    {
                        if (scratch.Profile.RecentItems.TicksAt(slot) != 0)
                        {
                            residue = $"decision {decision}: slot {slot} still holds an item after the decision";
                        }
                    }
                }
                finally
                {
                    DecisionScratch.Return(scratch);
                }
            }
        }
        finally
        {
            stop.Cancel();
            writer.Join();
        }

        Assert.Null(residue);
    }
}
