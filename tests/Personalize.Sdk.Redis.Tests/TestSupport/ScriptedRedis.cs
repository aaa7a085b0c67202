using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>
/// A redis-server of its own and a person's records driven on it as <see cref="ScriptedWrites"/>
/// drives them, the follow-ups they ask for waiting in <see cref="FollowUps"/>; all stopped at dispose.
/// </summary>
internal sealed class ScriptedRedis : IAsyncDisposable
{
    private readonly RedisServer _server;
    private readonly ConnectionMultiplexer _connection;

    private ScriptedRedis(RedisServer server, ConnectionMultiplexer connection)
    {
        (_server, _connection) = (server, connection);
        Database = connection.GetDatabase();
        Records = ScriptedWrites.QueuingFollowUps(FollowUps);
    }

    public IDatabase Database { get; }

    public Queue<JournalRecord> FollowUps { get; } = new();

    public PersonRecords Records { get; }

    public static async Task<ScriptedRedis> StartAsync()
    {
        var server = await RedisServer.StartAsync();
        return new(server, await ConnectionMultiplexer.ConnectAsync(server.Configuration));
    }

    public async ValueTask DisposeAsync()
    {
        Records.Dispose();
        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }
}
