using Microsoft.Extensions.Logging;

namespace Personalize.Sdk.Redis.Diagnostics;

/// <summary>
/// Source-generated log messages. None carries a user key or the connection string (it may hold a
/// password); endpoints are host and port only. Failures are named by <see cref="RedisFailure"/>,
/// never logged as exceptions: their messages may hold the command's key.
/// </summary>
internal static partial class RedisLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to Redis ({EndPoints}).")]
    public static partial void Connected(ILogger logger, string endPoints);

    [LoggerMessage(2, LogLevel.Warning, "Redis is unreachable at start ({EndPoints}): the host serves from memory, buffers its writes and keeps reconnecting in the background.")]
    public static partial void UnreachableAtStart(ILogger logger, string endPoints);

    [LoggerMessage(3, LogLevel.Warning, "The connection to Redis at {EndPoint} failed ({FailureType}): writes are buffered until it is restored. Logged at most once a minute.")]
    public static partial void ConnectionFailed(ILogger logger, string endPoint, string failureType);

    [LoggerMessage(4, LogLevel.Information, "The connection to Redis at {EndPoint} is restored.")]
    public static partial void ConnectionRestored(ILogger logger, string endPoint);

    [LoggerMessage(5, LogLevel.Warning, "A batch of {Count} writes to Redis ({Buffer}) failed ({Failure}): it stays buffered and is retried. Logged at most once a minute.")]
    public static partial void BatchFailed(ILogger logger, int count, string buffer, string failure);

    [LoggerMessage(6, LogLevel.Warning, "The Redis write buffer '{Buffer}' is full ({Capacity} writes): new writes are dropped and counted in personalize.redis.writes.dropped. Logged at most once a minute.")]
    public static partial void BufferFull(ILogger logger, string buffer, int capacity);

    [LoggerMessage(7, LogLevel.Error, "Stopped with {Count} writes of '{Buffer}' not acknowledged by Redis when {Bound} ran out: they are given up (those of a batch still in flight may have reached Redis).")]
    public static partial void WritesLostAtStop(ILogger logger, int count, string buffer, string bound);

    [LoggerMessage(8, LogLevel.Error, "Could not create the connection to Redis ({Failure}): the host serves from memory, buffers its writes and tries again in the background, waiting from 250 ms up to 5 s between attempts. Logged at most once a minute.")]
    public static partial void ConnectFailed(ILogger logger, string failure);

    [LoggerMessage(9, LogLevel.Warning, "A journal entry could not be read ({Failure}) and was skipped, counted in personalize.redis.journal.skipped; replication goes on. Logged at most once a minute.")]
    public static partial void JournalEntryUnreadable(ILogger logger, string failure);

    [LoggerMessage(10, LogLevel.Warning, "Reading the shared journal failed ({Failure}); this server keeps serving from memory and retries, counted in personalize.redis.journal.read_failures. Logged at most once a minute.")]
    public static partial void JournalReadFailed(ILogger logger, string failure);

    [LoggerMessage(11, LogLevel.Warning, "Could not subscribe to other servers' journal announcements ({Failure}; is pub/sub allowed for this user?): this server reads their changes every {PollInterval} instead, and tries again in a minute.")]
    public static partial void AnnouncementsUnavailable(ILogger logger, TimeSpan pollInterval, string failure);

    [LoggerMessage(12, LogLevel.Warning, "Sharing the learner's statistics of placement '{Placement}' through Redis failed ({Failure}): this server learns from its own decisions and the other servers' statistics it last read, until Redis answers. Logged at most once a minute.")]
    public static partial void LearningExchangeFailed(ILogger logger, string placement, string failure);

    [LoggerMessage(13, LogLevel.Information, "Wrote a snapshot of the shared state up to journal entry {Position}: {Profiles} profiles, {Items} items, {Units} measured units, {Bytes} bytes, in {Seconds:F2} s.")]
    public static partial void SnapshotWritten(ILogger logger, string position, int profiles, int items, int units, long bytes, double seconds);

    [LoggerMessage(14, LogLevel.Warning, "{Count} journal entries could not be read while writing a snapshot and were left out of it, as every server skips them.")]
    public static partial void SnapshotSkippedEntries(ILogger logger, int count);

    [LoggerMessage(15, LogLevel.Warning, "Writing a snapshot of the shared state failed ({Failure}); the previous one stays the newest, and this server tries again at the next interval.")]
    public static partial void SnapshotFailed(ILogger logger, string failure);

    [LoggerMessage(16, LogLevel.Information, "Restored the shared state from the snapshot up to journal entry {Position}: {Profiles} profiles, {Items} items, {Units} measured units; reading the journal after it.")]
    public static partial void SnapshotRestored(ILogger logger, string position, int profiles, int items, int units);

    [LoggerMessage(17, LogLevel.Error, "The newest snapshot could not be read ({Failure}); this server reads what the journal still holds instead, and misses what only the snapshot held.")]
    public static partial void SnapshotUnreadable(ILogger logger, string failure);

    [LoggerMessage(18, LogLevel.Warning, "The newest snapshot already holds changes this server made (it was written after this server started); it was not merged, so they are not applied twice. This server reads what the journal still holds instead.")]
    public static partial void SnapshotHoldsOwnChanges(ILogger logger);

    [LoggerMessage(19, LogLevel.Warning, "The shared journal was trimmed past what this server had read (it was away from Redis for longer than a snapshot interval): it missed other servers' changes, and gets them back when it restarts.")]
    public static partial void JournalTrimmedPastPosition(ILogger logger);

    [LoggerMessage(25, LogLevel.Warning, "The shared journal was trimmed by its length cap (JournalMaxLength) past what this server had read, with no snapshot restored that holds what was trimmed (snapshots off, failing or behind): it missed other servers' changes; a restart gets back only those a snapshot holds.")]
    public static partial void JournalTrimmedByLengthCap(ILogger logger);

    [LoggerMessage(20, LogLevel.Warning, "Looking up people this server holds no profile for in Redis failed ({Failure}); they are looked up again when next needed.")]
    public static partial void RecallFailed(ILogger logger, string failure);

    [LoggerMessage(21, LogLevel.Warning, "More people were waiting to be looked up in Redis than the recall queue holds; the rest start from what this server has, and are counted in personalize.redis.recalls (outcome dropped).")]
    public static partial void RecallsDropped(ILogger logger);

    [LoggerMessage(22, LogLevel.Error, "Reading and applying the shared journal failed unexpectedly ({Failure}); this server keeps serving from memory and reads again after the poll interval. Logged at most once a minute.")]
    public static partial void JournalReaderFailed(ILogger logger, string failure);

    [LoggerMessage(23, LogLevel.Error, "An erasure or consent withdrawal could not be queued for Redis in '{Buffer}' (stopped: {Stopped}; else the buffer and its allowance for them are full): other servers and Redis's records do not learn of it from this server. Call Forget again once Redis is back.")]
    public static partial void EssentialWriteDropped(ILogger logger, string buffer, bool stopped);

    [LoggerMessage(24, LogLevel.Error, "{Count} keys erased before this server first merged the shared state were more than it keeps for that (as many as its journal buffer and allowance hold): they were not erased again after the merge, which may have brought those people back on this server. Call Forget again for the people erased while Redis was away.")]
    public static partial void ErasuresNotReapplied(ILogger logger, int count);

    [LoggerMessage(28, LogLevel.Error, "{Count} people's consents stated before this server first merged the shared state were more than it keeps for that (as many as its journal buffer and allowance hold): other servers' older consents for them that the journal still holds may override them on this server. State those consents again once Redis is back.")]
    public static partial void ConsentsNotKept(ILogger logger, int count);

    [LoggerMessage(26, LogLevel.Warning, "A field of the shared learner statistics of placement '{Placement}' holds no model's statistics (a number that is not finite, a negative count or sum of squares): it is left out of the sum, counted in personalize.redis.learning.skipped, and the learner goes on with the other fields. Logged at most once a minute.")]
    public static partial void LearningFieldUnusable(ILogger logger, string placement);

    [LoggerMessage(27, LogLevel.Warning, "A person's record fetched from Redis could not be read ({Failure}) and was skipped, counted in personalize.redis.journal.skipped; the person's other records were recalled. Logged at most once a minute.")]
    public static partial void RecordUnreadable(ILogger logger, string failure);

    [LoggerMessage(29, LogLevel.Warning, "A snapshot was published, but letting the snapshot it replaced expire failed ({Failure}): the new one stands, and the next attempt to write one, on any server, lets the replaced one's chunks expire first. Logged at most once a minute.")]
    public static partial void SnapshotRetireFailed(ILogger logger, string failure);

    [LoggerMessage(30, LogLevel.Warning, "A snapshot was published, but trimming the shared journal behind the snapshot it replaced failed ({Failure}): the new one stands, and the next snapshot trims the journal. Logged at most once a minute.")]
    public static partial void SnapshotTrimFailed(ILogger logger, string failure);

    [LoggerMessage(31, LogLevel.Warning, "Releasing the snapshot lock failed ({Failure}): no server writes a snapshot until it expires, within 10 minutes. Logged at most once a minute.")]
    public static partial void SnapshotLockReleaseFailed(ILogger logger, string failure);
}
