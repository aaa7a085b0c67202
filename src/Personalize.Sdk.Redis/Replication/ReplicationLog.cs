using Microsoft.Extensions.Logging;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>Log messages of replication. Never a user key: entries are named by their journal position at most.</summary>
internal static partial class ReplicationLog
{
    [LoggerMessage(101, LogLevel.Warning, "A journal entry could not be read and was skipped; replication goes on.")]
    public static partial void EntryUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Reading the shared journal failed; this server keeps serving from memory and retries.")]
    public static partial void ReadFailed(ILogger logger, Exception exception);
}
