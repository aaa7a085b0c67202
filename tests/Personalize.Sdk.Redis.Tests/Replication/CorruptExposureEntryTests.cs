using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// A journaled exposure whose arm is no <see cref="HoldoutArm"/> is skipped as unreadable and
/// counted, as a snapshot's measured unit with such an arm is refused: applied, the unit's next
/// purchase threw out of <c>Track</c>.
/// </summary>
public sealed class CorruptExposureEntryTests
{
    [Fact]
    public void An_exposure_entry_with_no_valid_arm_is_unreadable_and_the_units_next_purchase_is_tracked()
    {
        var time = new FakeTimeProvider(AppServer.Start);
        using var personalizer = (Sdk.Personalizer)new PersonalizerBuilder()
            .UseTimeProvider(time)
            .Configure(o => o.Holdouts.Add(new HoldoutOptions { Name = "h", Salt = "h", BasisPoints = 1_000 }))
            .AddCatalog(AppServer.Catalog)
            .Build();
        personalizer.Track(PersonalizationEvent.View("p", "books-1"));

        var applied = JournalCodec.Apply(JournalCodec.Exposure(Guid.NewGuid(), "h", "p", (HoldoutArm)7, time.GetUtcNow()), Guid.NewGuid(), personalizer);
        var tracked = Record.Exception(() => personalizer.Track(PersonalizationEvent.Purchase("p", "books-2", 1, 10m)));

        Assert.False(applied);
        Assert.Null(tracked);
    }

    [RedisFact]
    public async Task The_reader_skips_counts_and_logs_an_exposure_entry_with_no_valid_arm()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var b = await AppServer.StartAsync(redis);
        using var skipped = new InstrumentRecorder("personalize.redis.journal.skipped");
        b.Personalizer.Track(PersonalizationEvent.View("shopper", "books-1"));
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var entry = JournalCodec.Exposure(Guid.NewGuid(), "global", "shopper", (HoldoutArm)7, AppServer.Start);
            await connection.GetDatabase().StreamAddAsync(
                new RedisKeys("personalize").Journal,
                [new NameValueEntry(JournalAppendCommand.PayloadField, entry), new NameValueEntry(JournalAppendCommand.BatchField, 1), new NameValueEntry(JournalAppendCommand.IndexField, 0)]);
        }

        await b.CatchUpAsync();
        var tracked = Record.Exception(() => b.Personalizer.Track(PersonalizationEvent.Purchase("shopper", "books-2", 1, 10m)));

        Assert.Null(tracked);
        Assert.Single(skipped.Measurements);
        Assert.Contains(b.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.JournalEntryUnreadable));
    }
}
