using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Replication;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A recall adds the kept lists' changes that the records no longer hold before the records, in
/// the order they happened, and a change both hold once, at its place among the records.
/// </summary>
public sealed class KeptRecordSelectionTests
{
    private static readonly Guid Writer = Guid.NewGuid();

    [Fact]
    public void Kept_changes_older_than_the_records_come_first_in_time_order_and_each_change_once()
    {
        var (history, _) = History(fullRecords: true);
        using var metrics = new RedisMetrics(meterFactory: null);

        var events = RecalledRecords.Select(history, new RecallState(0), JournalPositions.FromBytes([]), Writer, metrics);

        Assert.Equal(
            [(EventKind.Dismiss, "tent"), (EventKind.Purchase, "boots"), .. Enumerable.Repeat((EventKind.View, "socks"), PersonRecords.Limit - 1), (EventKind.Purchase, "socks")],
            events.Select(change => (change.Kind, change.ItemKey!)));
    }

    [Fact]
    public void Kept_changes_beside_records_that_are_not_full_are_left_over_from_before_a_reset_and_not_added()
    {
        // Kept lists fill only from full records: beside fewer, they outlived an erasure or a
        // withdrawal that emptied the records on a server of the version before them.
        var (history, records) = History(fullRecords: false);
        using var metrics = new RedisMetrics(meterFactory: null);

        var events = RecalledRecords.Select(history, new RecallState(0), JournalPositions.FromBytes([]), Writer, metrics);

        Assert.Equal(records, events.Count);
        Assert.DoesNotContain(events, change => change.ItemKey is "tent" or "boots");
    }

    // The records hold views of socks and a purchase of it last; the kept lists, list by list:
    // purchases (one also still in the records, as a resent copy can be), then dismissals.
    private static (PersonHistory History, int Records) History(bool fullRecords)
    {
        var day = TimeSpan.FromDays(1);
        var dismissal = Record(1, PersonalizationEvent.Dismiss("alice", "tent"), DateTimeOffset.UnixEpoch + day);
        var purchase = Record(2, PersonalizationEvent.Purchase("alice", "boots", 1, 5m), DateTimeOffset.UnixEpoch + (2 * day));
        var views = fullRecords ? PersonRecords.Limit - 1 : 10;
        RedisValue[] records =
        [
            .. Enumerable.Range(0, views).Select(i => Record(3 + i, PersonalizationEvent.View("alice", "socks"), DateTimeOffset.UnixEpoch + (3 * day) + TimeSpan.FromMinutes(i))),
            Record(3 + views, PersonalizationEvent.Purchase("alice", "socks", 1, 2m), DateTimeOffset.UnixEpoch + (4 * day)),
        ];
        return (new PersonHistory(records, [purchase, records[^1], dismissal], [], null, new Dictionary<string, StitchPosition>()), records.Length);
    }

    [Theory]
    [InlineData((byte)KeptList.None, PersonRecordCodec.Version)]
    [InlineData((byte)KeptList.Dismissals, PersonRecordCodec.KeptVersion)]
    public void A_record_names_its_kept_list_in_its_second_byte_and_reads_back_in_either_format(byte list, byte format)
    {
        var kept = (KeptList)list;
        byte[] payload = [7, 8, 9];

        var element = PersonRecordCodec.Encode(17, 3, 42, payload, kept);

        Assert.Equal(format, element[0]);
        Assert.Equal(kept == KeptList.None ? 17 : (byte)kept, element[1]);
        Assert.True(PersonRecordCodec.TryDecode(element, out var sequence, out var index, out var number, out var read));
        Assert.Equal((17L, 3, 42L), (sequence, index, number));
        Assert.Equal(payload, read.ToArray());
    }

    private static RedisValue Record(int number, PersonalizationEvent personalizationEvent, DateTimeOffset timestamp) =>
        PersonRecordCodec.Encode(1, number, number, JournalCodec.Event(Writer, "alice", personalizationEvent, timestamp));
}
