using System.Reflection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

/// <summary>
/// A step back moves only what was dated before it: a profile or decision dated on the clock's new
/// time keeps its date, and a decision under way at the step is dated no later than the clock when
/// it is logged (found by a third review of the clock fixes: the scan moved every profile's last use,
/// evicting a person seen a moment after the step; a decision logged while a settle moved the others
/// was moved too; one under way at the step was never moved). Each case runs with the clock not moved too.
/// </summary>
public sealed class ClockStepScopeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public async Task A_person_first_seen_after_a_step_back_keeps_their_profile(int minutesBack)
    {
        // README Privacy table: the profile is held until "`ProfileIdleExpiration` (30 days) without an
        // event or decision". bob's first event comes after the step; the idle scan it starts moves
        // his last use (dated on the clock's new time) back by the step as well, and evicts him at once.
        using var sdk = new SteppedSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(30));
        var personalizer = await BobSeenAfterStepAsync(sdk, minutesBack);

        var profile = sdk.Personalizer.GetPersonalData("bob").Profile;
        Assert.True(profile is not null, $"bob's profile, tracked a moment ago, was evicted by the idle scan ({personalizer.ProfileCount} profiles held)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    public async Task A_profile_used_after_a_step_back_is_not_dropped_before_ProfileIdleExpiration(int minutesBack)
    {
        // Same promise, a step shorter than the expiry: bob, created after a 20-minute step, is
        // evicted after 10 idle minutes instead of 30.
        using var sdk = new SteppedSdk(options => options.ProfileIdleExpiration = TimeSpan.FromMinutes(30));
        var personalizer = await BobSeenAfterStepAsync(sdk, minutesBack);
        for (var minute = 0; minute < 15; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
            sdk.Personalizer.Track(PersonalizationEvent.View("other", "books-1"));
            await personalizer.ProfileMaintenance;
        }

        Assert.True(sdk.Personalizer.GetPersonalData("bob").Profile is not null, "bob, idle 15 of his 30 minutes, was evicted");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void A_decision_under_way_when_the_clock_steps_back_keeps_the_unit_key_no_longer_than_RewardWaitTime_and_one_UpdateInterval(int minutesBack)
    {
        // README Privacy table: a waiting decision holds the unit key for "RewardWaitTime (10
        // minutes) and at most one UpdateInterval (1 minute) more"; CHANGELOG: a step back "moves
        // every waiting decision back by it". The decision is dated when it begins (before the step);
        // Record observes the step, shifts what waits, then adds this one with its pre-step date.
        var stepper = new SteppingSignal();
        using var sdk = new SteppedSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Apprentice;
                options.Learning.ExplorationRate = 0;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
            },
            builder => builder.AddSignal(stepper, 1f, 1f));
        stepper.Step = () => sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        var shown = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        Assert.True(stepper.Stepped);
        for (var minute = 0; minute < 12; minute++)
        {
            sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(1));
        }

        var waiting = sdk.Personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Count == 0, $"12 minutes after decision {shown.Id} it still waits, holding ann's unit key");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public async Task A_decision_logged_while_the_settle_shifts_for_a_step_back_is_not_shifted_as_well(int minutesBack)
    {
        // CHANGELOG "Fixed": a step back "moves every waiting decision back by it" so "nothing is held
        // for the step longer"; a decision made after the step is dated on the clock's new time and
        // must not move. Observe and Shift are not atomic with Add: the settle (on the update timer)
        // takes the step, and while its Shift walks the ring a request thread logs a decision after
        // the step (Observe now returns 0) into an entry not yet walked: it is moved back by the step
        // too, and settles at once with the default reward, before ann can click.
        using var sdk = new SteppedSdk(options =>
        {
            options.Learning.Mode = LearningMode.Apprentice;
            options.Learning.ExplorationRate = 0;
            options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
        });
        var personalizer = (Personalizer)sdk.Personalizer;
        var learner = personalizer.Learner;
        var pending = typeof(Personalize.Sdk.Learning.Learner).GetField("_pending", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(learner)!;
        var stripes = (Lock[])pending.GetType().GetField("_stripes", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(pending)!;
        var clock = typeof(Personalize.Sdk.Learning.Learner).GetField("_clock", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(learner)!;
        var offsetField = clock.GetType().GetField("_offset", BindingFlags.NonPublic | BindingFlags.Instance)!;
        sdk.Personalizer.Track(PersonalizationEvent.View("ann", "books-1"));
        sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        var offsetBefore = (long)offsetField.GetValue(clock)!;

        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        Decision after;
        Task settle;
        stripes[0].Enter();
        try
        {
            // The settle's Shift stops at entry 0 (its stripe held here) once it has taken the step.
            settle = Task.Run(learner.Update);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (minutesBack > 0 && (long)offsetField.GetValue(clock)! == offsetBefore && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Yield();
            }

            after = sdk.Personalizer.Rank(new PersonalizationRequest("ann") { Count = 4 });
        }
        finally
        {
            stripes[0].Exit();
        }

        await settle.WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = sdk.Personalizer.GetPersonalData("ann").WaitingDecisions;
        Assert.True(waiting.Any(d => d.Id == after.Id), $"decision {after.Id}, made a moment ago after the step, no longer waits for its outcome ({waiting.Count} waiting)");
    }

    /// <summary>Runs <see cref="Step"/> once, from inside the first decision that computes it (a slow signal while the clock is corrected).</summary>
    private sealed class SteppingSignal : ISignalProvider
    {
        public Action? Step { get; set; }

        public bool Stepped { get; private set; }

        public string Name => "stepping";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            if (!Stepped && Step is { } step)
            {
                Stepped = true;
                step();
            }

            for (var i = 0; i < column.Length; i++)
            {
                column[i] = 1f / (i + 1);
            }
        }
    }

    /// <summary>Someone is seen, two minutes pass, the clock steps back, bob is seen, and the idle scan that started ends.</summary>
    private static async Task<Personalizer> BobSeenAfterStepAsync(SteppedSdk sdk, int minutesBack)
    {
        sdk.Personalizer.Track(PersonalizationEvent.View("early", "books-1"));
        sdk.Clock.Inner.Advance(TimeSpan.FromMinutes(2));
        sdk.Clock.Offset = -TimeSpan.FromMinutes(minutesBack);
        sdk.Personalizer.Track(PersonalizationEvent.View("bob", "books-1"));
        var personalizer = (Personalizer)sdk.Personalizer;
        await personalizer.ProfileMaintenance;
        return personalizer;
    }
}
