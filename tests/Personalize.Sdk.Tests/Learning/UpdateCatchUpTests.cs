using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// A learner's tick that finds the update gate held (a long update, a slow log sink, a report) is
/// not lost: the holder runs the update again as it leaves, so a waiting decision, which holds the
/// person's unit key, is settled within RewardWaitTime and one UpdateInterval of being made.
/// </summary>
public sealed class UpdateCatchUpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_tick_during_a_slow_sink_write_is_run_when_the_write_ends()
    {
        var sink = new HoldingSink();
        using var sdk = RewardTests.Learning(sink);
        sdk.View("ann", "hiking-1");
        sdk.View("bob", "kitchen-1");
        sdk.Rank("ann", 4);
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Rank("bob", 4);
        sdk.Time.Advance(TimeSpan.FromMinutes(9));

        // A decision settles once its wait has passed, so the tick at 11:00 settles ann's decision
        // (made at 0:00), not bob's (made at 1:00), and holds the gate while the sink writes it.
        var first = Task.Factory.StartNew(() => sdk.Time.Advance(TimeSpan.FromMinutes(1)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(sink.Entered.Wait(Timeout));

        // The tick at 12:00, when bob's decision is due, finds the gate held. The fake clock runs one
        // timer callback at a time, so the callback a real timer would run now on another thread is called here.
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        RewardTests.Update(sdk);
        Assert.False(first.IsCompleted);
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData("bob").WaitingDecisions);

        sink.Release.Set();
        await first.WaitAsync(Timeout);

        // 12:00 is within bob's RewardWaitTime and one UpdateInterval (12:00): settled and logged.
        Assert.Empty(sdk.Personalizer.GetPersonalData("bob").WaitingDecisions);
        Assert.Equal(2, sink.Writes);
    }

    [Fact]
    public async Task A_tick_during_a_report_is_run_when_the_report_ends()
    {
        var clock = new HoldingClock();
        using var sdk = new TestSdk(
            options =>
            {
                options.Learning.Mode = LearningMode.Apprentice;
                options.Learning.RewardWaitTime = TimeSpan.FromMinutes(10);
                options.MaxPerCategory = 0;
            },
            time: clock);
        var learner = ((Personalizer)sdk.Personalizer).Learner;
        sdk.View("bob", "kitchen-1");
        sdk.Time.Advance(TimeSpan.FromSeconds(30));
        sdk.Rank("bob", 4);
        sdk.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(30));

        // A report holds the gate: its read of the clock, inside the gate, waits until released.
        var report = Task.Factory.StartNew(
            () =>
            {
                clock.HoldNextReadOn(Environment.CurrentManagedThreadId);
                return learner.GetReport();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(clock.Entered.Wait(Timeout));

        // The timer's tick at 11:00, when bob's decision is due, finds the gate held.
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(report.IsCompleted);
        Assert.NotEmpty(sdk.Personalizer.GetPersonalData("bob").WaitingDecisions);

        clock.Release.Set();
        await report.WaitAsync(Timeout);

        // 11:00 is within bob's RewardWaitTime and one UpdateInterval (11:30): settled as the report left the gate.
        Assert.Empty(sdk.Personalizer.GetPersonalData("bob").WaitingDecisions);
    }

    /// <summary>A fake clock whose next read on one thread waits until released.</summary>
    private sealed class HoldingClock() : FakeTimeProvider(TestSdk.Start)
    {
        private int _thread;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void HoldNextReadOn(int thread) => Volatile.Write(ref _thread, thread);

        public override DateTimeOffset GetUtcNow()
        {
            if (Volatile.Read(ref _thread) == Environment.CurrentManagedThreadId && Interlocked.Exchange(ref _thread, 0) != 0)
            {
                Entered.Set();
                Release.Wait(Timeout);
            }

            return base.GetUtcNow();
        }
    }

    /// <summary>A sink whose first write waits until released, holding the learner's update gate.</summary>
    private sealed class HoldingSink : ILearningLogSink
    {
        private int _writes;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Writes => Volatile.Read(ref _writes);

        public void Write(LearningRecord record)
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                Entered.Set();
                Release.Wait(Timeout);
            }
        }
    }
}
