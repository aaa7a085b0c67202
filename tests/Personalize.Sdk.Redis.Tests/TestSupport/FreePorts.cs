using System.Net;
using System.Net.Sockets;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>Ports nobody listens on.</summary>
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
