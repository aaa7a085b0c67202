using System.Net;
using System.Net.Sockets;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>Ports nobody listens on, for a store that must listen where it is told.</summary>
public static class FreePorts
{
    /// <summary>A port free on 127.0.0.1 a moment ago: the system's pick, released at once.</summary>
    public static int OnLoopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
