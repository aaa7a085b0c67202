using System.Threading.Channels;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>A store the test controls: reachable or not, failing or not, slow or not; every acknowledged batch can be awaited.</summary>
internal sealed class FakeSender : IWriteBatchSender<int>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<(long Sequence, int[] Items)> _sent = Channel.CreateUnbounded<(long, int[])>();
    private readonly List<(long Sequence, int[] Items)> _attempts = [];
    private readonly Channel<int[]> _attempted = Channel.CreateUnbounded<int[]>();

    public bool IsAvailable { get; set; } = true;

    public bool Fail { get; set; }

    /// <summary>What a failing send throws; a refusal by default.</summary>
    public Exception? Failure { get; set; }

    /// <summary>While set, a send waits for it: a store that is slow to answer.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Called with each batch the store is about to acknowledge, before the acknowledgement completes (as a Redis reply's continuation runs).</summary>
    public Action<int[]>? Acknowledging { get; set; }

    public IReadOnlyList<(long Sequence, int[] Items)> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    public async Task SendAsync(WriteBatch<int> batch, CancellationToken cancellationToken)
    {
        var items = batch.Items.ToArray();
        lock (_attempts)
        {
            _attempts.Add((batch.Sequence, items));
        }

        _attempted.Writer.TryWrite(items);

        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (Fail)
        {
            throw Failure ?? new InvalidOperationException("The store refused the batch.");
        }

        Acknowledging?.Invoke(items);
        _sent.Writer.TryWrite((batch.Sequence, items));
    }

    /// <summary>The next acknowledged batch; fails the test after a while instead of hanging.</summary>
    public async Task<(long Sequence, int[] Items)> NextBatchAsync() =>
        await _sent.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>The items of the next attempt to send, acknowledged or not; fails the test after a while instead of hanging.</summary>
    public async Task<int[]> NextAttemptAsync() =>
        await _attempted.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public bool HasSentMore => _sent.Reader.TryPeek(out _);
}
