namespace Personalize.Storefront.Hosting;

/// <summary>
/// Where the store listens. With no setting, 127.0.0.1:5080 (<c>dotnet run</c> and nothing to set
/// up), or another port on 127.0.0.1 with <c>--port</c>. ASP.NET Core's own address settings
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, a <c>Kestrel:Endpoints</c>
/// section) win over both, so the store runs in a container as any ASP.NET Core app does.
/// </summary>
internal static class ListenAddresses
{
    public const int DefaultPort = 5080;

    /// <summary>The port to listen on at 127.0.0.1, or null when the host's address settings say where.</summary>
    /// <exception cref="InvalidSettingException"><c>port</c> is not a port number.</exception>
    public static int? LoopbackPort(IConfiguration configuration) =>
        NamedByHost(configuration) ? null : StorefrontSettings.Number(configuration, "port", DefaultPort, max: 65_535);

    private static bool NamedByHost(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
