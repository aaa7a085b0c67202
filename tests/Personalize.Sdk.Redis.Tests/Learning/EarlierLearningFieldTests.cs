using Personalize.Sdk.Redis.Tests.TestSupport;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// A field of the shared learning hash written before servers shared their count of decisions (the
/// model's numbers alone, one number short) still adds to the model and counts no decisions
/// (docs/scaling.md, "Learning across servers"; found by review: such fields were passed over for
/// good, so an upgrade threw away everything learned before it).
/// </summary>
public sealed class EarlierLearningFieldTests
{
    [RedisFact]
    public async Task A_server_restarted_into_the_upgrade_keeps_what_its_previous_run_learned_and_counts_its_decisions_anew()
    {
        await using var redis = await RedisServer.StartAsync();

        // The previous run (an earlier version): what it learned, in the field layout of that version (no count of decisions).
        var previous = LearningServer.Start(redis);
        await previous.WhenConnectedAsync();
        previous.Serve("a", 30);
        previous.PassRewardWait();
        await previous.UpdateAndExchangeAsync();
        Assert.Equal("learned", previous.Report.Serving);
        var learned = previous.Report.Weights;
        await previous.DisposeAsync();

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = admin.GetDatabase();
        var key = Assert.Single(admin.GetServers()[0].Keys(pattern: "personalize:l:*"));
        var field = Assert.Single(await database.HashGetAllAsync(key));
        var bytes = (byte[])field.Value!;
        await database.HashSetAsync(key, field.Name, bytes.AsSpan(0, bytes.Length - sizeof(double)).ToArray());

        // The same server restarted, upgraded.
        await using var restarted = LearningServer.Start(redis);
        await restarted.WhenConnectedAsync();
        await restarted.UpdateAndExchangeAsync();
        await restarted.UpdateAndExchangeAsync();

        // The model learned before the upgrade, solved from the same numbers: the same weights.
        Assert.Equal(learned, restarted.Report.Weights);

        // Its decisions are not counted: the configured weights serve until MinSettledDecisions (1) is learned again.
        Assert.Equal("default", restarted.Report.Serving);
        restarted.Serve("b", 1);
        restarted.PassRewardWait();
        await restarted.UpdateAndExchangeAsync();
        Assert.Equal("learned", restarted.Report.Serving);
    }
}
