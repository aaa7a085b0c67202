using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>Holds a server's journal reads (XREAD) while closed: the reader has added what was fetched, and waits for its read.</summary>
internal sealed class ReadGate
{
    private volatile TaskCompletionSource? _open;
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a journal read reached the closed gate.</summary>
    public Task Entered => _entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open?.TrySetResult();

    public Task Before(string command)
    {
        // Only the journal's reader (ReplicaPump): the snapshot's shadow reads the journal too.
        if (command == nameof(IDatabaseAsync.StreamReadAsync) && _open is { } open && !open.Task.IsCompleted
            && Environment.StackTrace.Contains("ReplicaPump", StringComparison.Ordinal))
        {
            _entered.TrySetResult();
            return open.Task;
        }

        return Task.CompletedTask;
    }
}
