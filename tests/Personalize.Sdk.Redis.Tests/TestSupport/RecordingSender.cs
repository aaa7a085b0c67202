using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// A store that acknowledges every batch at once and records what it was sent, for writes of any
/// type: a reference type shows a slot the buffer cleared (a null) where <see cref="FakeSender"/>'s ints cannot.
/// </summary>
/// <typeparam name="T">The write operation.</typeparam>
internal sealed class RecordingSender<T> : IWriteBatchSender<T>
{
    private readonly List<T> _sent = [];

    public bool IsAvailable { get; set; } = true;

    /// <summary>Called with each batch the store is about to acknowledge, before the acknowledgement completes (as a Redis reply's continuation runs).</summary>
    public Action<T[]>? Acknowledging { get; set; }

    /// <summary>Every write acknowledged so far, in order.</summary>
    public IReadOnlyList<T> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(WriteBatch<T> batch, CancellationToken cancellationToken)
    {
        var items = batch.Items.ToArray();
        Acknowledging?.Invoke(items);
        lock (_sent)
        {
            _sent.AddRange(items);
        }

        return Task.CompletedTask;
    }
}
