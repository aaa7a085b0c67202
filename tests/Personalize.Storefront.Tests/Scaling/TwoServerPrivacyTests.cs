using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Storefront.Feedback;
using Personalize.Storefront.Scaling;
using Personalize.Storefront.Tests.Infrastructure;
using StackExchange.Redis;

namespace Personalize.Storefront.Tests.Scaling;

/// <summary>
/// Two storefronts sharing one real redis-server, for what one server holds in its own memory while
/// the shopper acts on the other: here a "Not interested" held for its undo window.
/// </summary>
public sealed class TwoServerPrivacyTests
{
    /// <summary>Two servers and one Redis on loopback agree within milliseconds, or seconds on a loaded CI machine; this only keeps a broken build from hanging.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [RedisFact]
    public async Task A_not_interested_held_on_one_server_does_not_bring_back_a_shopper_forgotten_on_the_other()
    {
        await using var redis = await RedisServer.StartAsync();

        // The server the shopper forgets themselves on runs on real time; the one holding the
        // dismissal on a clock the test moves, so its undo window closes when the test says.
        var other = StorefrontHost.Build(["--port=0", "--shoppers=0", "--redis", redis.Configuration]);
        await other.StartAsync();
        try
        {
            using var holding = new RedisClockStorefront(redis.Configuration);
            using var onHolding = holding.NewVisitor();
            using var onOther = new Visitor(new Uri(other.Urls.Single()), onHolding.Id, debug: false);
            await onHolding.ViewAsync("garden-07");
            await onHolding.PostAndFollowAsync("/feedback/not-interested", new Dictionary<string, string> { ["productId"] = "garden-11", ["returnUrl"] = "/" });

            // "Forget me" on the other server, which holds no dismissal of theirs to drop.
            var forgotten = await onOther.PostAndFollowAsync("/privacy/forget", new Dictionary<string, string> { ["returnUrl"] = "/" });
            Assert.StartsWith("Done:", forgotten.Text("#flash"), StringComparison.Ordinal);

            // The window closes on the holding server, which tells its SDK. Then a witness is
            // tracked there: once the other server knows the witness, it has read the dismissal
            // too (one journal, in order), and Redis has stored or dropped the dismissal's record.
            holding.Clock.Advance(PendingDismissals.UndoWindow);
            var witness = $"witness-{Guid.NewGuid():N}";
            holding.Services.GetRequiredService<IPersonalizer>().Track(PersonalizationEvent.View(witness, "books-01"));
            var personalizer = other.Services.GetRequiredService<IPersonalizer>();
            var waited = Stopwatch.StartNew();
            while (personalizer.GetPersonalData(witness).IsEmpty)
            {
                Assert.True(waited.Elapsed < Deadline, "The other server never heard of the witness tracked after the dismissal.");

                // The holding server's writes to Redis are flushed on its own clock.
                holding.Clock.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(10);
            }

            var database = other.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            Assert.True(personalizer.GetPersonalData(onHolding.Id).IsEmpty);
            Assert.False(await database.KeyExistsAsync($"{SharedRedis.KeyPrefix}:p:{{{onHolding.Id}}}:records"));
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }

    /// <summary>The storefront on a clock the test moves, with no simulated shoppers, sharing <c>--redis</c>.</summary>
    private sealed class RedisClockStorefront(string redis) : ClockStorefront("redis-clock", debug: false, shoppers: 0)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("redis", redis);
        }
    }
}
