using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// README, "Privacy": after <c>Forget</c> the person's keys are held "until five minutes after the
/// erasure", whether or not anything looks them up or erases anyone again: the erasure guard, the
/// erasure log and the withdrawal log let them go on the next decision or event after that.
/// </summary>
public sealed class ErasedKeysRetentionTests
{
    [Fact]
    public void The_erasure_records_hold_an_erased_persons_keys_for_five_minutes_then_let_them_go_on_other_peoples_events()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest-ada", "books-1");
        sdk.Personalizer.Identify("guest-ada", "ada@example.com");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ada@example.com"));
        var erased = sdk.Time.GetUtcNow();
        Assert.True(sdk.Personalizer.Forget("ada@example.com"));

        sdk.Time.Advance(TimeSpan.FromMinutes(5));
        sdk.View("someone-else", "books-4");
        Assert.Equal(["erasure guard", "erasure log", "withdrawal log"], personalizer.ErasureRecordsHolding("guest-ada"));
        Assert.Equal(["erasure guard", "erasure log", "withdrawal log"], personalizer.ErasureRecordsHolding("ada@example.com"));

        // Still guarded within the window: a late event of the person is refused.
        sdk.Personalizer.Track(PersonalizationEvent.View("guest-ada", "books-2") with { Timestamp = erased });
        Assert.True(sdk.Personalizer.GetPersonalData("guest-ada").IsEmpty);

        sdk.Time.Advance(TimeSpan.FromTicks(1));
        sdk.View("someone-else", "books-4");
        Assert.Empty(personalizer.ErasureRecordsHolding("guest-ada"));
        Assert.Empty(personalizer.ErasureRecordsHolding("ada@example.com"));
    }

    [Fact]
    public void A_host_that_only_ranks_after_a_Forget_lets_the_keys_go_too()
    {
        using var sdk = new TestSdk();
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("guest-bo", "books-1");
        sdk.Personalizer.Identify("guest-bo", "bo@example.com");
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("bo@example.com"));
        Assert.True(sdk.Personalizer.Forget("bo@example.com"));
        Assert.Equal(["erasure guard", "erasure log", "withdrawal log"], personalizer.ErasureRecordsHolding("guest-bo"));

        sdk.Time.Advance(TimeSpan.FromMinutes(10));
        sdk.Rank("someone-else");

        Assert.Empty(personalizer.ErasureRecordsHolding("guest-bo"));
        Assert.Empty(personalizer.ErasureRecordsHolding("bo@example.com"));
    }
}
