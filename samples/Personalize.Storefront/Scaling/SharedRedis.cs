using System.Globalization;
using StackExchange.Redis;

namespace Personalize.Storefront.Scaling;

/// <summary>
/// The Redis that the servers of one store share (the <c>redis</c> setting). The SDK shares its
/// state through it (<c>AddRedis</c>, on this connection), and the store shares two things of its
/// own: which server replays the simulated shoppers, and the data-protection keys that seal the
/// account, antiforgery and notice cookies.
/// </summary>
internal sealed class SharedRedis : IDisposable
{
    /// <summary>The first part of every key, the SDK's and the store's.</summary>
    public const string KeyPrefix = "storefront";

    private SharedRedis(ConnectionMultiplexer multiplexer, string server)
    {
        Multiplexer = multiplexer;
        Server = server;
    }

    public ConnectionMultiplexer Multiplexer { get; }

    /// <summary>Where Redis is, as the setting named it (without its options, which may hold a password).</summary>
    public string Server { get; }

    /// <summary>Whether this server replayed the simulated shoppers, and who did; null until <see cref="ClaimSimulation"/>.</summary>
    public SimulationClaim? Simulation { get; private set; }

    /// <summary>The store's own keys sit beside the SDK's (<c>storefront:journal</c>, <c>storefront:p:...</c>), under <c>sample</c>.</summary>
    public static RedisKey SimulationKey { get; } = $"{KeyPrefix}:sample:simulated-shoppers";

    public static RedisKey DataProtectionKey { get; } = $"{KeyPrefix}:sample:data-protection-keys";

    /// <summary>Connects, or says in one line that Redis did not answer.</summary>
    /// <exception cref="RedisUnreachableException">No server answered.</exception>
    public static SharedRedis Connect(ConfigurationOptions configuration)
    {
        var options = configuration.Clone();

        // The store must know at start whether it is the first server (see ClaimSimulation), so it
        // waits for Redis here; once connected, the connection comes back by itself after a blip.
        options.AbortOnConnectFail = true;

        // As the SDK sets up its own connection: fail at once while Redis is away (the SDK's
        // write-behind buffer is where writes wait), and reconnect quickly.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 5_000);
        options.ClientName ??= "personalize-storefront";
        var server = string.Join(", ", options.EndPoints.Select(Format));
        try
        {
            return new SharedRedis(ConnectionMultiplexer.Connect(options), server);
        }
        catch (RedisConnectionException exception)
        {
            throw new RedisUnreachableException(
                $"Redis at {server} did not answer ({exception.FailureType}): start it (redis-server --port {PortOf(options.EndPoints[0])} &), or leave out --redis to keep everything in this server's memory.",
                exception);
        }
    }

    /// <summary>
    /// Claims the simulated shoppers: the first server of a store (SET NX) replays them, and its
    /// changes reach the others through the SDK's journal; every later server, or this one
    /// restarted, gets them by replaying the journal. Replayed by each, they would count twice.
    /// </summary>
    public SimulationClaim ClaimSimulation(int shoppers, int seed)
    {
        var database = Multiplexer.GetDatabase();
        var mine = string.Create(CultureInfo.InvariantCulture, $"{shoppers:N0} shoppers, seed {seed}, by {Environment.MachineName} process {Environment.ProcessId} at {DateTimeOffset.UtcNow:u}");
        Simulation = database.StringSet(SimulationKey, mine, when: When.NotExists)
            ? new SimulationClaim(ReplayedHere: true, mine)
            : new SimulationClaim(ReplayedHere: false, (string?)database.StringGet(SimulationKey) ?? "another server");
        return Simulation;
    }

    public void Dispose() => Multiplexer.Dispose();

    private static string Format(System.Net.EndPoint endpoint) => endpoint switch
    {
        // Never a user or password, should one have reached a host name.
        System.Net.DnsEndPoint dns => Hosting.StorefrontSettings.HostAndPort($"{dns.Host}:{PortOf(dns)}"),
        System.Net.IPEndPoint ip => $"{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address)}:{PortOf(ip)}",
        _ => Hosting.StorefrontSettings.HostAndPort(endpoint.ToString() ?? string.Empty),
    };

    /// <summary>The port Redis is asked on: the one given, else Redis's default, 6379.</summary>
    private static int PortOf(System.Net.EndPoint endpoint) => endpoint switch
    {
        System.Net.DnsEndPoint { Port: > 0 } dns => dns.Port,
        System.Net.IPEndPoint { Port: > 0 } ip => ip.Port,
        _ => 6379,
    };
}

/// <summary>Who replayed the simulated shoppers into the shared journal.</summary>
/// <param name="ReplayedHere">Whether it was this server (the first of the store).</param>
/// <param name="By">How many, with which seed, by which server and when.</param>
internal sealed record SimulationClaim(bool ReplayedHere, string By);
