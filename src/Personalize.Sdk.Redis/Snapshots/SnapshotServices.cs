using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.DependencyInjection;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Replication;

namespace Personalize.Sdk.Redis.Snapshots;

/// <summary>Snapshots of the shared state, so a restart recovers what a server would hold however long the journal (see docs/scaling.md, "Snapshots").</summary>
internal static class SnapshotServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new RedisSnapshotStore(sp.GetRequiredService<RedisKeys>()));
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value;
            var composition = sp.GetRequiredService<PersonalizationComposition>();
            return new SnapshotCompactor(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<RedisSnapshotStore>(),
                sp.GetRequiredService<ReplicaPump>(),
                composition.CreateShadow,
                sp.GetRequiredService<RedisChangeJournal>().Origin,
                options.SnapshotInterval,
                options.JournalMaxLength,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<RedisMetrics>(),
                RedisLoggers.Create(sp, "Personalize.Sdk.Redis.Snapshots"),
                sp.GetRequiredService<PersonRecords>());
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SnapshotCompactor>(static sp => sp.GetRequiredService<SnapshotCompactor>()));
    }
}
