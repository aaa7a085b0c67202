using Personalize.Sdk.Redis.Keys;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.TestSupport;

/// <summary>Journal entries no server can read, each failing in its own way, appended straight to the stream.</summary>
internal static class CorruptJournalEntries
{
    /// <summary>Appends them to the journal of <paramref name="redis"/>; their ids.</summary>
    public static async Task<RedisValue[]> AppendAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var journal = new RedisKeys("personalize").Journal;

        // Version 1, some origin, kind Event, "has a profile key", then a length prefix that never
        // ends: BinaryReader throws a FormatException.
        byte[] endlessLength = [1, .. Guid.NewGuid().ToByteArray(), 1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        var first = await database.StreamAddAsync(journal, [new NameValueEntry("c", endlessLength), new NameValueEntry("b", 0), new NameValueEntry("i", 0)]);

        // A readable header but a batch number that is no number: the cast to long throws.
        byte[] header = [1, .. Guid.NewGuid().ToByteArray(), 1, 0];
        var second = await database.StreamAddAsync(journal, [new NameValueEntry("c", header), new NameValueEntry("b", "not-a-number"), new NameValueEntry("i", 0)]);
        return [first, second];
    }
}
