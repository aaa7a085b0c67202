using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// One of a person's records in Redis that cannot be read costs only itself, whatever its reading
/// throws: it is skipped and counted, and the person's other records are recalled.
/// </summary>
public sealed class CorruptRecalledRecordTests
{
    private static readonly Guid Writer = Guid.NewGuid();

    public static TheoryData<string> Corruptions => ["length prefix", "decimal", "truncated"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupt_record_between_two_good_ones_costs_only_itself(string corruption)
    {
        var good = JournalCodec.Event(Writer, "alice", PersonalizationEvent.Purchase("alice", "boots", 1, 5m), DateTimeOffset.UnixEpoch);
        var bad = Corrupt(good, corruption);
        RedisValue[] fetched =
        [
            PersonRecordCodec.Encode(1, 0, 1, good),
            PersonRecordCodec.Encode(1, 1, 2, bad),
            PersonRecordCodec.Encode(1, 2, 3, good),
        ];
        using var metrics = new RedisMetrics(meterFactory: null);
        var unreadable = new List<Exception>();

        // Read as the writer's own records (judged by their running number), all three are new to the profile.

        var events = RecalledRecords.Select(new PersonHistory(fetched, [], [], null, new Dictionary<string, StitchPosition>()), new RecallState(0), JournalPositions.FromBytes([]), Writer, metrics, unreadable.Add);

        Assert.Equal(2, events.Count);
        Assert.Single(unreadable);
    }

    private static byte[] Corrupt(byte[] good, string corruption)
    {
        var bad = (byte[])good.Clone();
        switch (corruption)
        {
            case "length prefix":
                // After the 18-byte header, the profile key: a presence byte, then a 7-bit length
                // that never ends (BinaryReader: FormatException).
                bad.AsSpan(19, 5).Fill(0xFF);
                return bad;
            case "decimal":
                // The revenue's flags, before the last 12 bytes (rating, target, two absent
                // strings, likes, consent): no decimal has them (BinaryReader: IOException).
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bad.AsSpan(bad.Length - 12 - sizeof(int)), int.MaxValue);
                return bad;
            default:
                return bad[..^6];
        }
    }
}
