using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// README "Sticky across sign-in": "A guest's unit sealed by their withdrawal (measured no further)
/// does not become the unit of an account that consents: the account keeps its own, measured from
/// its next decision." With two holdouts, a withdrawn guest ranked on the other holdout's placement
/// after withdrawing has an unsealed copy there, so IsSealed says no and the account takes the
/// guest's unit, sealed in the first holdout.
/// </summary>
public sealed class SealedUnitTwoHoldoutsTests
{
    [Fact]
    public void A_guest_withdrawn_then_ranked_on_another_holdouts_placement_does_not_pass_its_sealed_unit_to_a_consenting_account()
    {
        using var sdk = new TestSdk(
            options =>
            {
                options.Placements["home"] = new PlacementOptions { Holdout = "home-holdout" };
                options.Placements["email"] = new PlacementOptions { Holdout = "email-holdout" };
            },
            builder => builder.AddHoldout("home-holdout", 5_000).AddHoldout("email-holdout", 5_000));
        var assigner = sdk.Services.GetRequiredService<IHoldoutAssigner>();
        var users = Enumerable.Range(0, 1_000).Select(i => $"user-{i}").ToArray();
        bool Treated(string u) => assigner.Assign("home-holdout", u).Arm == HoldoutArm.Treatment && assigner.Assign("email-holdout", u).Arm == HoldoutArm.Treatment;
        var guest = users.First(Treated);
        var account = users.Where(Treated).Skip(1).First();

        sdk.Personalizer.Rank(new PersonalizationRequest(guest) { Placement = "home", Count = 4 });
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(guest));
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.Personalizer.Rank(new PersonalizationRequest(guest) { Placement = "email", Count = 4 });
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.View(account, "books-1");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(guest, account));
        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(account) { Placement = "home", Count = 4 });
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(account, decision.Items[0].ItemKey, 1, 10m));

        // The account's own unit is measured in home-holdout, and its purchase counts there.
        Assert.Equal(assigner.Assign("home-holdout", account).Bucket, decision.Holdout!.Value.Bucket);
        Assert.Contains(sdk.Personalizer.GetPersonalData(account).Holdouts, unit => unit.Unit == account && unit.Converted);
        var home = sdk.Services.GetRequiredService<ILiftReporter>().GetReport("home-holdout");
        Assert.Equal(1L, home.Treatment.ConvertedUnits);
    }

}
