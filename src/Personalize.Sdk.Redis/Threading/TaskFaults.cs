namespace Personalize.Sdk.Redis.Threading;

/// <summary>
/// For Redis commands whose wait is cut short by a timeout: the commands still end later, and a
/// fault nobody reads would surface as an unobserved task exception in the host.
/// </summary>
internal static class TaskFaults
{
    private static readonly Action<Task> Read = static task => _ = task.Exception;

    /// <summary>Reads <paramref name="task"/>'s fault whenever it comes; returns the task, to be awaited as before.</summary>
    public static Task ObserveFault(this Task task)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
        }
        else
        {
            task.ContinueWith(Read, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return task;
    }
}
