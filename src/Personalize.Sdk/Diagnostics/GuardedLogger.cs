using Microsoft.Extensions.Logging;

namespace Personalize.Sdk.Diagnostics;

/// <summary>
/// The host's logger, with its faults kept out of the host's requests: the SDK logs from
/// <c>Rank</c> and <c>Track</c> (a provider fault, a pause), and a logging provider that throws
/// (a full disk, a closed sink) must not fail the decision or the event being logged about.
/// </summary>
internal sealed class GuardedLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception)
        {
            return null;
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception)
        {
            // Nowhere left to report it: the log line is lost, the request goes on.
        }
    }
}
