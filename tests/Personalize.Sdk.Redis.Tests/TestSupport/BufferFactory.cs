using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>Buffers over a <see cref="FakeSender"/> on fake time.</summary>
internal static class BufferFactory
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    public static WriteBehindBuffer<int> Create(FakeSender sender, FakeTimeProvider time, RedisMetrics metrics, int maxBuffered = 1_000, int batchSize = 4, TimeSpan? flushInterval = null, ILogger? logger = null) =>
        new(
            "test",
            sender,
            new WriteBehindSettings(flushInterval ?? FlushInterval, maxBuffered, batchSize, OperationTimeout: TimeSpan.FromMinutes(1), ShutdownFlushTimeout: TimeSpan.FromSeconds(5)),
            time,
            metrics,
            logger ?? NullLogger.Instance);
}
