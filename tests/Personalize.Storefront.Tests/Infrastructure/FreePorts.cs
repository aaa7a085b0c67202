using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>Ports nobody listens on.</summary>
public static class FreePorts
{
    // Below the range the system hands outgoing connections their local ports from: a port picked
    // inside it can be taken by a client's connection (a Redis client's, a browser's) before the
    // server the port was picked for binds it.
    private const int Lowest = 20000;

    /// <summary>
    /// A port free on 127.0.0.1 a moment ago, outside the system's ephemeral range where that range
    /// is known (Linux), else the system's pick; released at once.
    /// </summary>
    public static int OnLoopback()
    {
        var highest = EphemeralStart() - 1;
        for (var attempt = 0; highest > Lowest && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest + 1);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            var first = File.ReadAllText(Range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
