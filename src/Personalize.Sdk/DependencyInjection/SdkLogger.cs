using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Personalize.Sdk.Diagnostics;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>The SDK's logger: from the host's logging when there is one, else silent; never throwing (<see cref="GuardedLogger"/>).</summary>
internal static class SdkLogger
{
    public const string Category = "Personalize.Sdk";

    public static ILogger Create(IServiceProvider services) =>
        Create(services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);

    public static ILogger Create(ILoggerFactory factory) => new GuardedLogger(factory.CreateLogger(Category));
}
