using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Measurement;
using Personalize.Storefront.Simulation;

namespace Personalize.Storefront.Tests.Scaling;

/// <summary>
/// README, step 10: "Add `-- --live-shoppers 3` to keep simulated shoppers coming", and "The
/// storefront on two servers": "The sample store runs on as many servers as you like, sharing
/// shoppers through one Redis", the simulated shoppers "replayed once ... so nothing is counted
/// twice", and the lift report shared. Found by review: every server named its live shoppers
/// live-000001, live-000002, ... from the same seeds, so two servers' shoppers merged into the same
/// people in the journal and the shared lift report counted half of them.
/// </summary>
public sealed class TwoServerLiveShoppersTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [RedisFact]
    public async Task Live_shoppers_arriving_on_two_servers_are_different_shoppers_in_the_shared_lift_report()
    {
        await using var redis = await RedisServer.StartAsync();
        var first = StorefrontHost.Build(["--port=0", "--shoppers=0", "--redis", redis.Configuration]);
        await first.StartAsync();
        var second = StorefrontHost.Build(["--port=0", "--shoppers=0", "--redis", redis.Configuration]);
        await second.StartAsync();
        try
        {
            // What --live-shoppers does every second, on each server: 20 shoppers arrive at each.
            first.Services.GetRequiredService<BackgroundShoppers>().Arrive(20);
            second.Services.GetRequiredService<BackgroundShoppers>().Arrive(20);

            // A witness tracked after them on each server: once the other has it, it has read all
            // they did before it (one journal, in order).
            await SeenByAsync(first, second);
            await SeenByAsync(second, first);

            var one = first.Services.GetRequiredService<ILiftReporter>().GetReport(StorefrontHoldout.Name);
            var two = second.Services.GetRequiredService<ILiftReporter>().GetReport(StorefrontHoldout.Name);
            Assert.Equal(one.Treatment.ExposedUnits + one.Control.ExposedUnits, two.Treatment.ExposedUnits + two.Control.ExposedUnits);

            // 40 shoppers arrived, each seeing the home page at least once.
            Assert.Equal(40, one.Treatment.ExposedUnits + one.Control.ExposedUnits);
        }
        finally
        {
            await second.StopAsync();
            await second.DisposeAsync();
            await first.StopAsync();
            await first.DisposeAsync();
        }
    }

    private static async Task SeenByAsync(WebApplication writer, WebApplication reader)
    {
        var witness = $"witness-{Guid.NewGuid():N}";
        writer.Services.GetRequiredService<IPersonalizer>().Track(PersonalizationEvent.View(witness, "books-01"));
        var personalizer = reader.Services.GetRequiredService<IPersonalizer>();
        var waited = Stopwatch.StartNew();
        while (personalizer.GetPersonalData(witness).IsEmpty)
        {
            Assert.True(waited.Elapsed < Deadline, "The other server never heard of the witness.");
            await Task.Delay(10);
        }
    }
}
