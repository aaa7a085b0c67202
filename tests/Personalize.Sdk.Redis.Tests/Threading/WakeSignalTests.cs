using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Threading;

namespace Personalize.Sdk.Redis.Tests.Threading;

public sealed class WakeSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_wake_up_that_came_before_the_wait_is_kept_for_it()
    {
        var signal = new WakeSignal();
        signal.Set();

        var wait = signal.WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
    }

    [Fact]
    public async Task A_wake_up_is_used_once()
    {
        var signal = new WakeSignal();
        var time = new FakeTimeProvider();
        signal.Set();
        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None));

        var second = signal.WaitAsync(TimeSpan.FromMinutes(1), time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await second.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_waiter_is_woken_by_a_set_from_another_thread()
    {
        var signal = new WakeSignal();
        var wait = signal.WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);
        Assert.False(wait.IsCompleted);

        await Task.Run(signal.Set);

        Assert.True(await wait.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_cancelled_wait_throws()
    {
        var signal = new WakeSignal();
        using var cancellation = new CancellationTokenSource();
        var wait = signal.WaitAsync(cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Patience));
    }
}
