using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>
/// Sends a snapshot's chunk commands a few at a time, not all at once. StackExchange.Redis times a
/// command from when it is written to the connection, so with every chunk queued together the
/// last one's timeout would cover the whole snapshot's transfer: a snapshot of a few hundred MB
/// then never reads or publishes within <see cref="RedisPersonalizationOptions.OperationTimeout"/>.
/// With at most <see cref="Size"/> in flight, each command's timeout covers only the chunks ahead
/// of it, and the other commands on the connection wait behind no more than those.
/// </summary>
internal static class ChunkWindow
{
    /// <summary>How many chunk commands are in flight at once: 4 MiB of 1 MiB chunks, enough to keep a link busy.</summary>
    public const int Size = 4;

    /// <summary>How often one chunk's command is sent before its timeout fails the snapshot.</summary>
    public const int Attempts = 3;

    /// <summary>Runs <paramref name="send"/> for chunks 0 to <paramref name="count"/> - 1, at most <see cref="Size"/> at a time, and returns their results in order.</summary>
    /// <exception cref="RedisTimeoutException">A chunk's command timed out <see cref="Attempts"/> times (any other failure at once); thrown once the commands still in flight are over.</exception>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> send)
    {
        var results = new T[count];
        var inFlight = new Task<T>[Math.Min(count, Size)];
        for (var i = 0; i < inFlight.Length; i++)
        {
            inFlight[i] = send(i);
        }

        try
        {
            // One connection answers in order: waiting for the oldest frees the first slot.
            for (var i = 0; i < count; i++)
            {
                var slot = i % Size;
                results[i] = await CompleteAsync(inFlight[slot], i, send).ConfigureAwait(false);
                if (i + Size < count)
                {
                    inFlight[slot] = send(i + Size);
                }
            }
        }
        catch
        {
            // None of the rest may fail unobserved.
            foreach (var task in inFlight)
            {
                await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                _ = task.Exception;
            }

            throw;
        }

        return results;
    }

    private static async Task<T> CompleteAsync<T>(Task<T> sent, int index, Func<int, Task<T>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await sent.ConfigureAwait(false);
            }
            catch (RedisTimeoutException) when (attempt < Attempts)
            {
                // A moment's stall (a pause, a busy host) on one of hundreds of chunks: send that
                // chunk again (a GET or a SET of the same value) rather than start the snapshot over.
                sent = send(index);
            }
        }
    }
}
