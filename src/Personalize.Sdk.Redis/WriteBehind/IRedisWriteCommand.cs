using StackExchange.Redis;

namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>Turns one buffered write into Redis commands on a pipelined batch.</summary>
/// <typeparam name="T">The write operation.</typeparam>
internal interface IRedisWriteCommand<T>
{
    /// <summary>
    /// Queues the commands for <paramref name="operation"/> on <paramref name="batch"/> and adds each
    /// command's task to <paramref name="acknowledgements"/>. <paramref name="sequence"/> is the batch's,
    /// the same when a failed batch is resent, for commands that must not apply twice; <paramref name="index"/>
    /// is the operation's place in the batch, so (sequence, index) names one write however often it is sent.
    /// </summary>
    void Append(IBatch batch, long sequence, int index, in T operation, List<Task> acknowledgements);

    /// <summary>
    /// Queues what follows a whole batch (an announcement to other servers, say) after its last
    /// operation. What is queued here is not waited for: its failure never makes the batch resend.
    /// </summary>
    void Complete(IBatch batch) { }
}
