using Personalize.Sdk.Readiness;

namespace Personalize.Sdk.Tests.Readiness;

/// <summary>The per-thread counters when one thread writes to several windows in turn, as two personalizers on one thread pool do.</summary>
public sealed class ReadinessWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(12);
    private const long Now = 1_000 * TimeSpan.TicksPerMinute;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Windows_written_in_turn_on_one_thread_each_count_only_their_own(int windows)
    {
        var all = Enumerable.Range(0, windows).Select(_ => new ReadinessWindow(Window, rows: 2, rowLength: 3)).ToArray();
        for (var round = 0; round < 50; round++)
        {
            for (var w = 0; w < windows; w++)
            {
                all[w].Row(row: 1, Now)[2] += w + 1;
            }
        }

        for (var w = 0; w < windows; w++)
        {
            Assert.Equal(50L * (w + 1), all[w].Sum(row: 1, counter: 2, Now));
            Assert.Equal(0, all[w].Sum(row: 0, counter: 2, Now));
        }
    }

    [Fact]
    public void Two_threads_writing_one_window_are_summed()
    {
        var window = new ReadinessWindow(Window, rows: 1, rowLength: 1);
        var other = new ReadinessWindow(Window, rows: 1, rowLength: 1);
        window.Row(0, Now)[0] += 1;
        var thread = new Thread(() =>
        {
            other.Row(0, Now)[0] += 10;
            window.Row(0, Now)[0] += 100;
            other.Row(0, Now)[0] += 10;
        });
        thread.Start();
        thread.Join();
        window.Row(0, Now)[0] += 1;

        Assert.Equal(102, window.Sum(0, 0, Now));
        Assert.Equal(20, other.Sum(0, 0, Now));
    }
}
