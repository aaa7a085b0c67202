using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Holdouts;

/// <summary>
/// README, "Holdouts": "When a guest signs in, the stitched profile keeps the unit measured first
/// (the one first exposed in a holdout; when neither side was ever ranked, the one whose first event
/// came first), so exposures and outcomes never split across arms". A guest's first measured
/// decision in flight while the guest signs in: the stitch settles the unit before the decision
/// records its exposure, so it keeps the account's unit (first event) although the guest's key is
/// the one exposed first; the person's next decision is measured under the account's unit, in the
/// other arm.
/// </summary>
public sealed class FirstExposureRacingStitchTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_unit_exposed_first_stays_the_persons_unit_when_the_sign_in_races_that_decision(bool raced)
    {
        var signal = new RacingSignal();
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f));

        // A guest and an account whose keys fall in different arms.
        const string Guest = "guest";
        var guestArm = sdk.Personalizer.GetHoldoutAssignment(Guest, "site").Arm;
        var account = Enumerable.Range(0, 100).Select(i => $"acct-{i}").First(key => sdk.Personalizer.GetHoldoutAssignment(key, "site").Arm != guestArm);

        sdk.View(account, "books-1");                 // the account's first event comes first
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.View(Guest, "garden-1");

        if (raced)
        {
            signal.Race = () => Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(Guest, account));
            var first = sdk.Rank(Guest, 3);           // the person's first measured decision
            Assert.True(signal.Fired);
            Assert.Equal(guestArm, first.Holdout!.Value.Arm);
        }
        else
        {
            var first = sdk.Rank(Guest, 3);
            Assert.Equal(guestArm, first.Holdout!.Value.Arm);
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(Guest, account));
        }

        // The person was first shown the guest key's arm: it stays theirs.
        var next = sdk.Rank(account, 3);
        Assert.Equal(guestArm, next.Holdout!.Value.Arm);
        var data = sdk.Personalizer.GetPersonalData(account);
        Assert.Equal(Guest, data.Profile!.HoldoutUnit);
        Assert.Single(data.Holdouts.Select(h => h.Arm).Distinct()); // exposures never split across arms
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void The_accounts_unit_exposed_first_stays_the_persons_when_a_sign_in_races_the_accounts_decision(bool raced, bool accountHasProfile)
    {
        // The other direction: the decision in flight is the account's, its first measured one; the
        // guest is exposed a minute later and signs in while it runs, so the stitch, not seeing the
        // account's exposure yet, settles the guest's unit. Raced, the account has a profile here: a
        // decision without one (a recall from Redis in flight) keeps its own key's unit, as the other
        // servers, which never saw its profile, do (ProfileRecallTests).
        var signal = new RacingSignal();
        using var sdk = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f));
        const string Guest = "guest";
        var guestArm = sdk.Personalizer.GetHoldoutAssignment(Guest, "site").Arm;
        var account = Enumerable.Range(0, 100).Select(i => $"acct-{i}").First(key => sdk.Personalizer.GetHoldoutAssignment(key, "site").Arm != guestArm);
        if (accountHasProfile)
        {
            sdk.View(account, "books-1");
        }

        sdk.View(Guest, "garden-1");

        void GuestRankedLaterThenSignsIn()
        {
            sdk.Time.Advance(TimeSpan.FromMinutes(1));
            Task.Run(() => sdk.Rank(Guest, 3)).Wait();   // the racing signal fires once: the guest's decision runs plain
            Assert.Equal(IdentifyResult.Stitched, sdk.Personalizer.Identify(Guest, account));
        }

        if (raced)
        {
            signal.Race = GuestRankedLaterThenSignsIn;
            var first = sdk.Rank(account, 3);              // dated a minute before the guest's
            Assert.True(signal.Fired);
            Assert.NotEqual(guestArm, first.Holdout!.Value.Arm);
        }
        else
        {
            sdk.Rank(account, 3);
            GuestRankedLaterThenSignsIn();
        }

        // The account's unit was exposed first: it stays the person's, in its arm.
        var data = sdk.Personalizer.GetPersonalData(account);
        Assert.Equal(account, data.Profile!.HoldoutUnit);
        Assert.NotEqual(guestArm, sdk.Rank(account, 3).Holdout!.Value.Arm);
    }

    [Fact]
    public void Another_server_settles_the_unit_as_the_server_the_race_ran_on()
    {
        // The stitch is journaled before the exposure it raced: applied in that order, the exposure settles the unit again.
        var journal = new LoopbackJournal();
        var signal = new RacingSignal();
        using var a = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(signal, 1f, 1f).Services.AddSingleton<IChangeJournal>(journal));
        using var b = new TestSdk(build: builder => builder.AddHoldout("site", 5_000).AddSignal(new RacingSignal(), 1f, 1f), time: a.Time);
        const string Guest = "guest";
        var guestArm = a.Personalizer.GetHoldoutAssignment(Guest, "site").Arm;
        var account = Enumerable.Range(0, 100).Select(i => $"acct-{i}").First(key => a.Personalizer.GetHoldoutAssignment(key, "site").Arm != guestArm);
        a.View(account, "books-1");
        a.Time.Advance(TimeSpan.FromMinutes(1));
        a.View(Guest, "garden-1");
        signal.Race = () => Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify(Guest, account));
        a.Rank(Guest, 3);
        Assert.True(signal.Fired);

        journal.DeliverTo(b.Personalizer);

        Assert.Equal(Guest, a.Personalizer.GetPersonalData(account).Profile!.HoldoutUnit);
        Assert.Equal(Guest, b.Personalizer.GetPersonalData(account).Profile!.HoldoutUnit);
    }
}
