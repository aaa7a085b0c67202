using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Personalize.Storefront.Hosting;

/// <summary>
/// Where the store listens. With no setting, 127.0.0.1:5080 (<c>dotnet run</c> and nothing to set
/// up), or another port on 127.0.0.1 with <c>--port</c>. ASP.NET Core's own addresses (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, a <c>Kestrel:Endpoints</c> section) win over both, so the store runs in
/// a container as any ASP.NET Core app does. <c>ASPNETCORE_HTTP_PORTS</c> and
/// <c>ASPNETCORE_HTTPS_PORTS</c> (every interface; the .NET container images set the first) win
/// over the default port, and over a <c>port</c> from the environment or appsettings (a platform's
/// <c>PORT</c>, say), but not over <c>--port</c> on the command line: that one was asked for.
/// </summary>
internal static class ListenAddresses
{
    public const int DefaultPort = 5080;

    /// <summary>The port to listen on at 127.0.0.1, or null when the host's address settings say where.</summary>
    /// <exception cref="InvalidSettingException"><c>port</c> is not a port number.</exception>
    public static int? LoopbackPort(IConfiguration configuration) =>
        NamedByHost(configuration) || (!PortOnCommandLine(configuration) && PortsNamedByHost(configuration))
            ? null
            : StorefrontSettings.Number(configuration, "port", DefaultPort, max: 65_535);

    /// <summary>
    /// What to change when the address is busy: <c>--port</c> when the store chose the address
    /// (the default or <c>port</c>), or else the host setting that did, since <c>--port</c> would
    /// not move it (Kestrel's endpoints win over <c>urls</c>, which wins over the HTTP(S) ports).
    /// </summary>
    /// <exception cref="InvalidSettingException"><c>port</c> is not a port number.</exception>
    public static string BusyAdvice(IConfiguration configuration)
    {
        if (LoopbackPort(configuration) is not null)
        {
            return "Pass --port N to use another (dotnet run --project samples/Personalize.Storefront -- --port 5099), or --urls.";
        }

        if (configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return "The address comes from the Kestrel:Endpoints settings: change it there (--port does not apply while they are set).";
        }

        if (!string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            return $"The address comes from {UrlsSource(configuration)}: change it there (--port does not apply while it is set).";
        }

        var ports = string.Join(" or ", new[] { (Key: WebHostDefaults.HttpPortsKey, Name: "ASPNETCORE_HTTP_PORTS"), (Key: WebHostDefaults.HttpsPortsKey, Name: "ASPNETCORE_HTTPS_PORTS") }
            .Where(setting => !string.IsNullOrEmpty(configuration[setting.Key]))
            .Select(setting => setting.Name));
        return $"The port comes from {ports}: change it there, or pass --port N to listen on 127.0.0.1 instead.";
    }

    /// <summary>Whether the host is told ports to listen on every interface (<c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_HTTPS_PORTS</c>).</summary>
    public static bool PortsNamedByHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey]);

    private static bool PortOnCommandLine(IConfiguration configuration) =>
        configuration is IConfigurationRoot root && root.Providers.OfType<CommandLineConfigurationProvider>().Any(provider => provider.TryGet("port", out _));

    /// <summary>Where the <c>urls</c> setting in force was given: the last source that has it wins.</summary>
    private static string UrlsSource(IConfiguration configuration)
    {
        var provider = configuration is IConfigurationRoot root
            ? root.Providers.LastOrDefault(provider => provider.TryGet(WebHostDefaults.ServerUrlsKey, out var urls) && !string.IsNullOrEmpty(urls))
            : null;
        return provider switch
        {
            CommandLineConfigurationProvider => "--urls",
            EnvironmentVariablesConfigurationProvider => new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "URLS" }
                .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) ?? "ASPNETCORE_URLS",
            _ => "the urls setting (--urls, ASPNETCORE_URLS or appsettings)",
        };
    }

    private static bool NamedByHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
