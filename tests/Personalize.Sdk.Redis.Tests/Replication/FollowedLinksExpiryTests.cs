using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Replication;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// The keys an erasure (or a withdrawal of consent) reached through Redis's links are remembered
/// only to end the chain of links, which lead both ways: for the tombstone's five minutes, as README's
/// privacy table allows a server to hold an erased person's keys, not until thousands accumulate.
/// </summary>
public sealed class FollowedLinksExpiryTests
{
    [RedisFact]
    public async Task Five_minutes_after_Forget_the_server_remembers_none_of_the_erased_keys_it_followed()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("guest-di", "books-1"));
        a.Personalizer.Identify("guest-di", "di@example.com");
        await a.FlushAsync();

        Assert.True(a.Personalizer.Forget("di@example.com"));
        await a.FlushAsync();
        await a.FlushAsync();
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        Assert.Contains("di@example.com", records.FollowedKeys);

        a.Time.Advance(PersonRecords.TombstoneLife);

        Assert.Empty(records.FollowedKeys);
    }

    [RedisFact]
    public async Task Five_minutes_after_a_withdrawal_the_server_remembers_none_of_the_keys_it_cleared()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await AppServer.StartAsync(redis);
        a.Personalizer.Track(PersonalizationEvent.View("guest-dj", "books-1"));
        a.Personalizer.Identify("guest-dj", "dj@example.com");
        await a.FlushAsync();

        a.Personalizer.Track(PersonalizationEvent.ConsentWithdrawn("dj@example.com"));
        await a.FlushAsync();
        var records = a.Host.Services.GetRequiredService<PersonRecords>();
        Assert.Contains("guest-dj", records.FollowedKeys);

        a.Time.Advance(PersonRecords.TombstoneLife);

        Assert.Empty(records.FollowedKeys);
    }
}
