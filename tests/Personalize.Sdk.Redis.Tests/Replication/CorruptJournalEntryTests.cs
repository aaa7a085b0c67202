using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>A journal entry no server can read is skipped and counted; replication goes on past it.</summary>
public sealed class CorruptJournalEntryTests
{
    [RedisFact]
    public async Task Corrupt_journal_entries_are_skipped_and_counted_and_the_background_reader_applies_what_follows()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        using var skipped = new InstrumentRecorder("personalize.redis.journal.skipped");
        var corrupt = await CorruptJournalEntries.AppendAsync(redis);

        // B's clock never moves: only A's append announcement wakes its reader, which then reads
        // the corrupt entries and A's event in one batch.
        var applied = b.NextEntriesApplied();
        a.Personalizer.Track(PersonalizationEvent.View("after-corrupt", "books-1"));
        await a.FlushAsync();
        await applied;

        Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(b.PersonalData("after-corrupt"))!["profile"]);
        Assert.True(skipped.Measurements.Count >= corrupt.Length, $"{skipped.Measurements.Count} entries counted as skipped, {corrupt.Length} expected at least");
    }
}
