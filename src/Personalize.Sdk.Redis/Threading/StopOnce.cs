namespace Personalize.Sdk.Redis.Threading;

/// <summary>
/// One stop for a background service, however many times and from however many threads the host
/// asks for it. Every caller waits for that one stop: a host can be stopped twice at once (a test
/// server's factory and the app's own <c>WaitForShutdown</c> both do), and a second caller that
/// returned at once would let the app dispose the container, and the multiplexer, under the first.
/// </summary>
internal sealed class StopOnce
{
    private readonly Lock _gate = new();
    private Task? _stop;

    /// <summary>
    /// Starts <paramref name="stop"/> on the first call, then waits for it; a caller whose
    /// <paramref name="cancellationToken"/> fires returns without failing while the stop goes on.
    /// </summary>
    public async Task RunAsync(Func<Task> stop, CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            task = _stop ??= stop();
        }

        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !task.IsCompleted)
        {
            // The host's time to stop is up: what is still in flight ends on its own, and the stop
            // itself does not fail.
        }
    }
}
