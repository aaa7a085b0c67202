using Microsoft.Extensions.Configuration.CommandLine;

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

    /// <summary>Whether the host is told ports to listen on every interface (<c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_HTTPS_PORTS</c>).</summary>
    public static bool PortsNamedByHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey]);

    private static bool PortOnCommandLine(IConfiguration configuration) =>
        configuration is IConfigurationRoot root && root.Providers.OfType<CommandLineConfigurationProvider>().Any(provider => provider.TryGet("port", out _));

    private static bool NamedByHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
