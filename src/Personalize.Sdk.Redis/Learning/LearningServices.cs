using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Learning;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;

namespace Personalize.Sdk.Redis.Learning;

/// <summary>
/// Shares the learners' statistics: every server publishes its own and learns from the sum of all,
/// so N servers learn one policy (see docs/scaling.md, "Learning across servers").
/// </summary>
internal static class LearningServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new RedisLearningExchange(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<RedisKeys>(),
            sp.GetRequiredService<RedisChangeJournal>().Origin,
            sp.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value.OperationTimeout,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RedisMetrics>(),
            RedisLoggers.Create(sp, "Personalize.Sdk.Redis.Learning")));
        services.TryAddSingleton<ILearningExchange>(static sp => sp.GetRequiredService<RedisLearningExchange>());
    }
}
