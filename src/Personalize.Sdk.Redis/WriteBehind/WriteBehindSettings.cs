namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>The options a write-behind buffer runs by, taken from <see cref="RedisPersonalizationOptions"/>.</summary>
internal sealed record WriteBehindSettings(TimeSpan FlushInterval, int MaxBufferedWrites, int WriteBatchSize, TimeSpan OperationTimeout, TimeSpan ShutdownFlushTimeout)
{
    /// <summary>The shortest wait before a failed batch is retried: with no flush interval, a failing store must not be retried in a tight loop.</summary>
    public static readonly TimeSpan MinimumRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a failed batch waits before it is retried, unless the connection comes back sooner.</summary>
    public TimeSpan RetryDelay => FlushInterval > MinimumRetryDelay ? FlushInterval : MinimumRetryDelay;

    /// <summary>
    /// How many writes that must not be dropped (erasures, consent withdrawals) may wait past
    /// <see cref="MaxBufferedWrites"/>: a full buffer must not lose a person's erasure, yet the
    /// buffer stays bounded when Redis is away for long.
    /// </summary>
    public int EssentialAllowance => Math.Max(64, MaxBufferedWrites / 16);

    public static WriteBehindSettings From(RedisPersonalizationOptions options) =>
        new(options.FlushInterval, options.MaxBufferedWrites, options.WriteBatchSize, options.OperationTimeout, options.ShutdownFlushTimeout);
}
