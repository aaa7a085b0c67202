using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Personalize.Sdk.DependencyInjection;

/// <summary>The SDK's logger: from the host's logging when there is one, else silent.</summary>
internal static class SdkLogger
{
    public const string Category = "Personalize.Sdk";

    public static ILogger Create(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(Category);
}
