using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Replication;

/// <summary>
/// scaling.md "Erasure": "Forget on any server is journaled and applied everywhere"; README "Erasure":
/// Forget "erases at once their profile, every alias". A sign-in made on A just before B erased the
/// account must not leave the guest linked to the erased account on any server once every write and
/// every journal entry has been exchanged (Redis itself takes such a late stitch "with the erasure").
/// </summary>
public sealed class StitchErasureRaceTests
{
    [RedisFact]
    public async Task A_sign_in_on_A_racing_an_erasure_on_B_leaves_no_link_to_the_erased_account_anywhere_once_settled()
    {
        await using var redis = await RedisServer.StartAsync();
        await using (var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
        {
            // No announcements: each server reads the journal only when the test says so (its poll
            // runs on a fake clock that does not move), so the interleaving below is exact.
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", "default", "resetchannels");
        }

        await using var a = await AppServer.StartAsync(redis);
        await using var b = await AppServer.StartAsync(redis);
        var left = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var alice = $"alice-{round}";
            var guest = $"guest-{round}";
            b.Personalizer.Track(PersonalizationEvent.View(alice, "books-1"));
            await b.FlushAsync();
            await a.CatchUpAsync();

            // The race: A signs the guest in and its write reaches Redis; B erases the account before
            // its reader has read that stitch (Redis, which has the link, takes the guest key with it).
            a.Personalizer.Track(PersonalizationEvent.View(guest, "coffee-2"));
            Assert.Equal(IdentifyResult.Stitched, a.Personalizer.Identify(guest, alice));
            await a.FlushAsync();
            b.Personalizer.Forget(alice);

            // Then everything settles: every write flushed, every journal entry read, several times over.
            for (var settle = 0; settle < 4; settle++)
            {
                await Task.WhenAll(a.FlushAsync(), b.FlushAsync());
                await a.CatchUpAsync();
                await b.CatchUpAsync();
                await Task.WhenAll(a.RecallsEndedAsync(), b.RecallsEndedAsync());
            }

            foreach (var (name, server) in new[] { ("A", a), ("B", b) })
            {
                foreach (var key in new[] { guest, alice })
                {
                    var data = server.Personalizer.GetPersonalData(key);
                    if (!data.IsEmpty)
                    {
                        left.Add($"round {round}, server {name}, {key}: linked [{string.Join(", ", data.LinkedKeys)}], events {data.Profile?.EventCount}");
                    }
                }
            }
        }

        Assert.True(left.Count == 0, string.Join(Environment.NewLine, left));
    }
}
