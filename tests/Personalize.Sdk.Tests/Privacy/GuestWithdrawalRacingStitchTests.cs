using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.Learning;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Privacy;

/// <summary>
/// A guest withdraws consent while signing in to an account that has a profile and consents. The
/// README ("Profiles", Stitching): "the account's consent wins ... so a guest's stated consent (a
/// withdrawal, or more than the account gave) is never imposed on an account". The withdrawal's
/// profile write lands on the guest's profile, the stitch merges it (the account's consent wins),
/// and only then does the event run its after-withdrawal step, which resolves the guest's key again
/// (now the account's) and drops the account's waiting decisions and seals its holdout unit.
/// </summary>
public sealed class GuestWithdrawalRacingStitchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_guests_withdrawal_racing_its_sign_in_is_never_imposed_on_the_consenting_account(bool raced)
    {
        using var sdk = Sdk();
        sdk.View("acct", "books-1");
        var accountDecision = sdk.Rank("acct", 3);   // the account: measured, a decision waiting for rewards
        sdk.View("guest", "garden-1");

        await WithdrawAndSignIn(sdk, raced);

        // The account's consent won in both orders...
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("acct"));

        // ...so its own decision still waits for rewards, and its purchase still counts in the lift report.
        var data = sdk.Personalizer.GetPersonalData("acct");
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("acct", accountDecision.Items[0].ItemKey, 1, 40m));
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("site");
        Assert.Equal(1, report.Treatment.ConvertedUnits + report.Control.ConvertedUnits);
        Assert.True(Assert.Single(sdk.Personalizer.GetPersonalData("acct").Holdouts).Converted);
        Assert.Contains(data.WaitingDecisions, waiting => waiting.Id == accountDecision.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_guest_measured_first_whose_withdrawal_races_its_sign_in_leaves_the_account_its_own_unit(bool raced)
    {
        // The guest's unit was exposed first, so the sign-in alone would make it the person's; sealed
        // by the guest's withdrawal, it never becomes a consenting account's unit.
        using var sdk = Sdk();
        sdk.View("guest", "garden-1");
        sdk.Rank("guest", 3);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("acct", "books-1");
        var accountDecision = sdk.Rank("acct", 3);

        await WithdrawAndSignIn(sdk, raced);

        var data = sdk.Personalizer.GetPersonalData("acct");
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("acct"));
        Assert.Equal("acct", data.Profile!.HoldoutUnit);
        Assert.Contains(data.WaitingDecisions, waiting => waiting.Id == accountDecision.Id);
        Assert.Equal(accountDecision.Holdout!.Value.Arm, sdk.Rank("acct", 3).Holdout!.Value.Arm);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_withdrawal_racing_a_sign_in_seals_the_withdrawing_persons_stitched_devices_as_when_it_comes_first(bool raced)
    {
        // The withdrawing side has a device of its own stitched to it, measured and converted under
        // its own unit: a withdrawal that comes first seals that device's outcomes too.
        using var sdk = Sdk();
        sdk.View("acct", "books-1");
        sdk.Rank("acct", 3);                       // the account is measured first: its unit wins the merge
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View("guest", "garden-1");
        sdk.Rank("guest", 3);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        var device = sdk.Rank("device", 3);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase("device", device.Items[0].ItemKey, 1, 40m));
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("device", "guest"));
        Assert.True(sdk.Personalizer.GetPersonalData("guest").Holdouts.Single(unit => unit.Unit == "device").Converted);

        await WithdrawAndSignIn(sdk, raced);

        // The guest withdrew: what its device converted is its behaviour, erased in either order.
        var deviceUnit = sdk.Personalizer.GetPersonalData("acct").Holdouts.Single(unit => unit.Unit == "device");
        Assert.Equal((false, 0.0), (deviceUnit.Converted, deviceUnit.Revenue));
        Assert.Equal(ConsentFlags.Personalization, sdk.Personalizer.GetConsent("acct"));
        Assert.Equal("acct", sdk.Personalizer.GetPersonalData("acct").Profile!.HoldoutUnit);
    }

    /// <summary>
    /// The guest withdraws, then signs in to the account. Raced: the sign-in runs after the withdrawal
    /// wrote the guest's profile and before the event's after-withdrawal step takes the identity gate
    /// (held here, the event waits just there).
    /// </summary>
    private static async Task WithdrawAndSignIn(TestSdk sdk, bool raced)
    {
        if (!raced)
        {
            sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest"));
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "acct"));
            return;
        }

        var personalizer = (Personalizer)sdk.Personalizer;
        var gate = (Lock)typeof(Personalizer).GetField("_identityGate", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(personalizer)!;
        Task withdrawal;
        gate.Enter();
        try
        {
            withdrawal = Task.Run(() => sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("guest")));
            Assert.True(SpinWait.SpinUntil(() => personalizer.ProfileStore.Peek("guest")?.ReadConsent() == ConsentFlags.None, TimeSpan.FromSeconds(30)));
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify("guest", "acct")); // the gate is reentrant
        }
        finally
        {
            gate.Exit();
        }

        await withdrawal;
    }

    private static TestSdk Sdk() => RewardTests.Learning(
        new RewardTests.RecordingSink(),
        build: builder => builder.AddHoldout("site", 5_000));
}
