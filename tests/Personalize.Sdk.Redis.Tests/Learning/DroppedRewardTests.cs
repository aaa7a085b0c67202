using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Learning;

/// <summary>
/// A reward for another server's decision that the full journal buffer dropped reaches no server:
/// <c>Reward</c> says so (false), and the drop is logged as every full-buffer drop is.
/// </summary>
public sealed class DroppedRewardTests
{
    [Fact]
    public async Task A_reward_for_another_servers_decision_that_the_full_buffer_dropped_is_not_acknowledged()
    {
        // Nothing listens on the port: every write waits in the buffer, which holds one.
        await using var app = RedisHost.Build(o =>
        {
            o.Configuration = $"127.0.0.1:{FreePorts.OnLoopback()},connectTimeout=200";
            o.MaxBufferedWrites = 1;
            o.WriteBatchSize = 1;
            o.ShutdownFlushTimeout = TimeSpan.Zero;
        });
        await app.Host.StartAsync();
        var personalizer = app.Host.Services.GetRequiredService<IPersonalizer>();
        Assert.True(personalizer.Reward(Guid.CreateVersion7(), 0.5));

        var acknowledged = personalizer.Reward(Guid.CreateVersion7(), "boots", 0.5);

        Assert.False(acknowledged);
        Assert.Contains(app.Logs.GetSnapshot(), log => log.Id.Name == nameof(RedisLog.BufferFull));
    }
}
