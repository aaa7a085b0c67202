using Microsoft.Extensions.Logging;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>
/// A host logging provider whose loggers throw on every warning or worse, as one writing to a full
/// disk would; counts how often. Linked into the Redis package's tests too.
/// </summary>
internal sealed class ThrowingLoggerProvider : ILoggerProvider
{
    private int _thrown;

    /// <summary>How many log calls threw.</summary>
    public int Thrown => Volatile.Read(ref _thrown);

    public ILogger CreateLogger(string categoryName) => new ThrowingLogger(this);

    public void Dispose()
    {
    }

    private sealed class ThrowingLogger(ThrowingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Interlocked.Increment(ref owner._thrown);
                throw new IOException("log disk full");
            }
        }
    }
}
