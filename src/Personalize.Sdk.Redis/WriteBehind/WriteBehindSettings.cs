namespace Personalize.Sdk.Redis.WriteBehind;

/// <summary>The options a write-behind buffer runs by, taken from <see cref="RedisPersonalizationOptions"/>.</summary>
internal sealed record WriteBehindSettings(TimeSpan FlushInterval, int MaxBufferedWrites, int WriteBatchSize, TimeSpan OperationTimeout, TimeSpan ShutdownFlushTimeout)
{
    public static WriteBehindSettings From(RedisPersonalizationOptions options) =>
        new(options.FlushInterval, options.MaxBufferedWrites, options.WriteBatchSize, options.OperationTimeout, options.ShutdownFlushTimeout);
}
