using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.Redis.Diagnostics;

/// <summary>
/// The package's loggers: from the host's logging when there is one, else silent; never throwing.
/// The package logs from inside <c>Track</c>, <c>Rank</c> and the host's stop (a full write buffer,
/// a recall that failed), and a logging provider that throws must not fail them.
/// </summary>
internal static class RedisLoggers
{
    public static ILogger Create(IServiceProvider services, string category) =>
        Create(services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance, category);

    public static ILogger Create(ILoggerFactory factory, string category) => new GuardedLogger(factory.CreateLogger(category));
}
