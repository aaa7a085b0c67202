using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

public sealed class HoldoutDecisionTests
{
    private const string Holdout = "home-holdout";

    [Fact]
    public void The_control_group_gets_the_default_experience_and_the_decision_says_so()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var controlUser = FindUnit(HoldoutArm.Control);
        var treatedUser = FindUnit(HoldoutArm.Treatment);
        sdk.View("shopper", "kitchen-2", "kitchen-2", "kitchen-2");
        foreach (var user in new[] { controlUser, treatedUser })
        {
            sdk.View(user, "books-1", "books-2", "books-3");
        }

        var control = sdk.Rank(controlUser, 4);
        var treated = sdk.Rank(treatedUser, 4);

        Assert.Equal(DecisionVariant.Control, control.Variant);
        Assert.Equal(new HoldoutAssignment(Holdout, HoldoutArm.Control, Bucket(controlUser), isForced: false), control.Holdout);
        Assert.Equal("kitchen-2", control.Items[0].ItemKey);
        Assert.Equal(4, control.Items.Count);

        Assert.Equal(DecisionVariant.Personalized, treated.Variant);
        Assert.Equal(HoldoutArm.Treatment, treated.Holdout!.Value.Arm);
        Assert.StartsWith("books-", treated.Items[0].ItemKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_holdouts_a_decision_carries_none()
    {
        using var sdk = new TestSdk();

        Assert.Null(sdk.Rank("u").Holdout);
    }

    [Fact]
    public void A_forced_arm_is_visible_on_the_decision()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var treatedUser = FindUnit(HoldoutArm.Treatment);

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest(treatedUser) { ForceArm = HoldoutArm.Control });

        Assert.Equal(DecisionVariant.Control, decision.Variant);
        Assert.Equal(new HoldoutAssignment(Holdout, HoldoutArm.Control, Bucket(treatedUser), isForced: true), decision.Holdout);
    }

    [Fact]
    public void A_visitor_who_signs_in_keeps_the_arm_they_had_as_a_guest()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var guest = FindUnit(HoldoutArm.Control);
        var account = FindUnit(HoldoutArm.Treatment, skip: 3);
        sdk.View(guest, "books-1");
        Assert.Equal(HoldoutArm.Control, sdk.Rank(guest).Holdout!.Value.Arm);

        sdk.Time.Advance(TimeSpan.FromMinutes(5));
        sdk.Personalizer.Identify(guest, account);

        // The account had no profile yet: the guest's profile was assigned first, so its arm wins.
        Assert.Equal(sdk.Rank(guest).Holdout, sdk.Rank(account).Holdout);
        Assert.Equal(HoldoutArm.Control, sdk.Rank(account).Holdout!.Value.Arm);
        Assert.Equal(Bucket(guest), sdk.Rank(account).Holdout!.Value.Bucket);
    }

    [Fact]
    public void Stitching_keeps_the_arm_of_the_profile_assigned_first()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var account = FindUnit(HoldoutArm.Treatment);
        var guest = FindUnit(HoldoutArm.Control);
        sdk.View(account, "garden-1");
        sdk.Time.Advance(TimeSpan.FromDays(3));
        sdk.View(guest, "books-1");

        sdk.Personalizer.Identify(guest, account);

        Assert.Equal(HoldoutArm.Treatment, sdk.Rank(guest).Holdout!.Value.Arm);
        Assert.Equal(Bucket(account), sdk.Rank(guest).Holdout!.Value.Bucket);
    }

    [Fact]
    public void A_guest_ranked_before_any_event_keeps_their_arm_after_signing_in()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var guest = FindUnit(HoldoutArm.Treatment);
        var account = FindUnit(HoldoutArm.Control);
        Assert.Equal(HoldoutArm.Treatment, sdk.Rank(guest).Holdout!.Value.Arm);
        sdk.Time.Advance(TimeSpan.FromMinutes(5));

        sdk.Personalizer.Identify(guest, account);
        sdk.View(account, "books-1");

        Assert.Equal(HoldoutArm.Treatment, sdk.Rank(account).Holdout!.Value.Arm);
        Assert.Equal(HoldoutArm.Treatment, sdk.Rank(guest).Holdout!.Value.Arm);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport(Holdout);
        Assert.Equal((1L, 0L), (report.Treatment.ExposedUnits, report.Control.ExposedUnits));
    }

    [Fact]
    public void An_account_that_had_events_keeps_the_arm_of_a_guest_exposed_earlier()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var guest = FindUnit(HoldoutArm.Control);
        var account = FindUnit(HoldoutArm.Treatment);
        sdk.Rank(guest);
        sdk.Time.Advance(TimeSpan.FromDays(1));
        sdk.View(account, "books-1");

        sdk.Personalizer.Identify(guest, account);

        Assert.Equal(HoldoutArm.Control, sdk.Rank(account).Holdout!.Value.Arm);
    }

    [Fact]
    public void A_second_device_never_measured_does_not_move_a_measured_person_to_another_arm()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var laptop = FindUnit(HoldoutArm.Treatment);
        var phone = FindUnit(HoldoutArm.Control);
        sdk.View(phone, "books-1");
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View(laptop, "books-1");
        Assert.Equal(HoldoutArm.Treatment, sdk.Rank(laptop).Holdout!.Value.Arm);
        sdk.Personalizer.Identify(laptop, "account");

        // The phone browsed first but was never ranked: the measured laptop stays the unit.
        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(phone, "account"));

        Assert.Equal(new HoldoutAssignment(Holdout, HoldoutArm.Treatment, Bucket(laptop), isForced: false), sdk.Rank("account").Holdout);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport(Holdout);
        Assert.Equal((1L, 0L), (report.Treatment.ExposedUnits, report.Control.ExposedUnits));
    }

    [Fact]
    public void A_guests_withdrawal_does_not_stop_measuring_the_consenting_account_it_signs_in_to()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var guest = FindUnit(HoldoutArm.Control);
        var account = FindUnit(HoldoutArm.Treatment);
        sdk.Rank(guest, 4);
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn(guest));
        sdk.Time.Advance(TimeSpan.FromSeconds(1));
        sdk.View(account, "books-1");

        Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(guest, account));
        var decision = sdk.Rank(account, 4);
        sdk.Personalizer.Track(PersonalizationEvent.Purchase(account, decision.Items[0].ItemKey, 1, 10m));

        // The account's own unit is measured from its first decision; the guest's stays sealed in control.
        Assert.Equal(new HoldoutAssignment(Holdout, HoldoutArm.Treatment, Bucket(account), isForced: false), decision.Holdout);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport(Holdout);
        Assert.Equal((1L, 1L), (report.Treatment.ExposedUnits, report.Treatment.ConvertedUnits));
        Assert.Equal((1L, 0L), (report.Control.ExposedUnits, report.Control.ConvertedUnits));
        Assert.Contains(sdk.Personalizer.GetPersonalData(account).Holdouts, unit => unit.Unit == account && unit.Converted);
    }

    [Fact]
    public void The_arm_can_be_read_without_ranking_and_reading_it_records_nothing()
    {
        using var sdk = new TestSdk(build: builder => builder.AddHoldout(Holdout, basisPoints: 5_000));
        var guest = FindUnit(HoldoutArm.Treatment);
        var account = FindUnit(HoldoutArm.Control);
        sdk.View(guest, "books-1");
        sdk.Personalizer.Identify(guest, account);

        var read = sdk.Personalizer.GetHoldoutAssignment(account, Holdout);

        Assert.Equal(new HoldoutAssignment(Holdout, HoldoutArm.Treatment, Bucket(guest), isForced: false), read);
        Assert.Equal(read, sdk.Rank(account).Holdout);
        var report = sdk.Services.GetRequiredService<ILiftReporter>().GetReport(Holdout);
        Assert.Equal(1, report.Treatment.ExposedUnits + report.Control.ExposedUnits);
        Assert.Throws<ArgumentException>("holdout", () => sdk.Personalizer.GetHoldoutAssignment(account, "no-such-holdout"));
    }

    private static int Bucket(string unit) => BucketHashers.Default.GetBucket(Holdout, unit);

    /// <summary>A user key that lands in <paramref name="arm"/> of a 50% holdout salted with its name.</summary>
    private static string FindUnit(HoldoutArm arm, int skip = 0) =>
        Enumerable.Range(0, 1_000).Select(i => $"user-{i}").Where(key => (Bucket(key) < 5_000) == (arm == HoldoutArm.Control)).Skip(skip).First();
}
