using Personalize.Sdk.Statistics;

namespace Personalize.Sdk.Tests.Statistics;

/// <summary>
/// The statistics' stripe locks exclude: writers of one stripe, and a thread taking every stripe
/// (as growing, rebasing and forgetting do), never run their sections at once, so no update is lost.
/// </summary>
public sealed class StripeLocksTests
{
    [Fact]
    public async Task Writers_of_one_stripe_and_a_thread_taking_every_stripe_lose_no_update()
    {
        var locks = new StripeLocks(2);
        var counts = new long[2];
        long written = 0;
        var done = 0;
        using var start = new Barrier(3);

        void Writer()
        {
            start.SignalAndWait();
            long mine = 0;
            for (var i = 0; Volatile.Read(ref done) == 0 || mine < 100_000; i++)
            {
                using (locks.Enter(i & 1))
                {
                    // Not atomic on purpose: only the lock keeps the two writers apart.
                    counts[i & 1]++;
                }

                mine++;
            }

            Interlocked.Add(ref written, mine);
        }

        var all = Task.Run(() =>
        {
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < 2_000; i++)
                {
                    locks.EnterAll();
                    try
                    {
                        // Every stripe held: no writer moves the counts while they are read twice.
                        var before = counts[0] + counts[1];
                        Thread.SpinWait(100);
                        Assert.Equal(before, counts[0] + counts[1]);
                    }
                    finally
                    {
                        locks.ExitAll();
                    }
                }
            }
            finally
            {
                Volatile.Write(ref done, 1);
            }
        });
        var first = Task.Run(Writer);
        var second = Task.Run(Writer);

        await Task.WhenAll(all, first, second).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(written, counts[0] + counts[1]);
    }
}
