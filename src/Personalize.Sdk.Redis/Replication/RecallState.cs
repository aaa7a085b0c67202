namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// One person being recalled: which of their changes the profile in memory got while the fetch was
/// in flight, so the fetched records that duplicate them are passed over.
/// </summary>
/// <param name="requestedAt">When the person was found missing (<see cref="TimeProvider.GetTimestamp"/>): the recall's start, for its duration and for how long an empty answer is remembered.</param>
/// <param name="key">The person's key, while the recall waits to be fetched.</param>
/// <param name="requestedUtcTicks">When the person was found missing, on the server's UTC clock: an erasure that arrived since overtook the fetch.</param>
internal sealed class RecallState(long requestedAt, string? key = null, long requestedUtcTicks = long.MinValue)
{
    private readonly Lock _gate = new();
    private HashSet<long>? _local;
    private HashSet<(Guid Origin, long Batch, long Index)>? _remote;
    // Made only when a data-access request waits for this recall: a decision's recall allocates none.
    private TaskCompletionSource? _ended;
    private bool _hasEnded;

    public long RequestedAt { get; } = requestedAt;

    /// <summary>When the person was found missing, in UTC ticks.</summary>
    public long RequestedUtcTicks { get; } = requestedUtcTicks;

    /// <summary>The person's key, or null once the recall was released: a queue it waits in keeps no one's key.</summary>
    public string? Key { get; private set; } = key;

    /// <summary>This server applied its own change number <paramref name="number"/> to the profile.</summary>
    public void NoteLocal(long number)
    {
        lock (_gate)
        {
            (_local ??= []).Add(number);
        }
    }

    /// <summary>The journal entry (<paramref name="origin"/>, <paramref name="batch"/>, <paramref name="index"/>) was applied to the profile.</summary>
    public void NoteRemote(Guid origin, long batch, long index)
    {
        lock (_gate)
        {
            (_remote ??= []).Add((origin, batch, index));
        }
    }

    /// <summary>Whether the profile left memory while the fetch was in flight (evicted or erased).</summary>
    public bool Released { get; private set; }

    /// <summary>
    /// The profile left memory while the fetch was in flight: the person is no longer being served
    /// here (evicted as least recently used, or erased), so what was fetched is not added; the
    /// next time they are found missing they are fetched afresh.
    /// </summary>
    public void Release()
    {
        lock (_gate)
        {
            Released = true;
            Key = null;
            _local = null;
            _remote = null;
        }

        End();
    }

    /// <summary>Completes when the recall has ended: added, found empty, failed, released or abandoned.</summary>
    public Task Ended()
    {
        lock (_gate)
        {
            return _hasEnded ? Task.CompletedTask : (_ended ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>The recall ended (idempotent): whoever waits in <see cref="Ended"/> goes on.</summary>
    public void End()
    {
        TaskCompletionSource? ended;
        lock (_gate)
        {
            _hasEnded = true;
            ended = _ended;
        }

        ended?.TrySetResult();
    }

    public bool HasLocal(long number)
    {
        lock (_gate)
        {
            return _local?.Contains(number) == true;
        }
    }

    public bool HasRemote(Guid origin, long batch, long index)
    {
        lock (_gate)
        {
            return _remote?.Contains((origin, batch, index)) == true;
        }
    }
}
