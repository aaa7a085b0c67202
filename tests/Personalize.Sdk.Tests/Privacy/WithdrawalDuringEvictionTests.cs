using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A withdrawal of consent written while the person's profile is being evicted is not lost with
/// the profile: "a stated consent that grants less than DefaultConsent outlives the person's
/// profile" (README, "Privacy"), whichever of the two gets to the profile first.
/// </summary>
public sealed class WithdrawalDuringEvictionTests
{
    [Fact]
    public async Task A_withdrawal_written_as_a_capacity_trim_takes_the_profile_is_kept_apart()
    {
        using var sdk = new TestSdk(options => options.MaxProfiles = 1);
        var personalizer = (Personalizer)sdk.Personalizer;
        sdk.View("ann", "books-1");
        sdk.Time.Advance(TimeSpan.FromMilliseconds(100)); // within the second: her withdrawal does not count as a use

        // The trim chose Ann's profile (least recently used); she withdraws before it is taken.
        string? raced = null;
        personalizer.ProfileStore.RaceBeforeEviction = key =>
        {
            raced = key;
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("ann"));
        };
        sdk.View("bob", "books-2");                       // past MaxProfiles: Ann is trimmed
        await personalizer.ProfileMaintenance;

        Assert.Equal("ann", raced);
        Assert.Equal(["remembered consents"], personalizer.StructuresHolding("ann"));
        sdk.View("ann", "books-3");
        Assert.Equal(ConsentFlags.None, sdk.Personalizer.GetConsent("ann"));
        var data = sdk.Personalizer.GetPersonalData("ann");
        Assert.Equal(ConsentFlags.None, data.StatedConsent);
        Assert.Null(data.Profile);
        Assert.Equal(
            (DecisionVariant.ColdStart, DecisionReason.NoConsent),
            sdk.Rank("ann", 3) is var decision ? (decision.Variant, decision.Reason) : default);
    }
}
