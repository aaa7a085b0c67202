using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.Connection;
using Personalize.Sdk.Redis.Diagnostics;
using Personalize.Sdk.Redis.Keys;
using Personalize.Sdk.Redis.Snapshots;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Shares state by journal: this server's changes are appended to one Redis stream, and every
/// server applies the others' changes to its own memory (see docs/scaling.md).
/// </summary>
internal static class ReplicationServices
{
    public const string BufferName = "journal";

    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(static sp => new PersonRecords(sp.GetRequiredService<RedisKeys>(), Options(sp).ProfileRetention, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new ProfileRecall(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<PersonRecords>(),
            sp.GetRequiredService<JournalOrigin>().Id,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RedisMetrics>(),
            RedisLoggers.Create(sp, "Personalize.Sdk.Redis.Replication")));
        services.TryAddSingleton<IProfileRecall>(static sp => sp.GetRequiredService<ProfileRecall>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProfileRecall>(static sp => sp.GetRequiredService<ProfileRecall>()));
        services.TryAddSingleton(static _ => new JournalOrigin(Guid.NewGuid()));
        services.TryAddSingleton(static sp =>
        {
            var settings = WriteBehindSettings.From(Options(sp));
            return new RestoreGate(settings.MaxBufferedWrites + settings.EssentialAllowance, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(static sp =>
        {
            var origin = sp.GetRequiredService<JournalOrigin>().Id;
            var keys = sp.GetRequiredService<RedisKeys>();
            var records = sp.GetRequiredService<PersonRecords>();
            var append = new JournalAppendCommand(keys.Journal, Options(sp).JournalMaxLength, keys.JournalAppended, origin, records);
            var gate = sp.GetRequiredService<RestoreGate>();
            var buffer = sp.GetRequiredService<RedisWriteBehind>().Create(BufferName, append, () => gate.MayJournal);
            gate.Opened += buffer.Wake;
            return new RedisChangeJournal(
                origin,
                buffer,
                records,
                sp.GetRequiredService<ProfileRecall>(),
                gate,
                () => (IReplica)sp.GetRequiredService<IPersonalizer>());
        });
        services.TryAddSingleton<IChangeJournal>(static sp => sp.GetRequiredService<RedisChangeJournal>());
        services.TryAddSingleton(static sp => new ReplicaPump(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<RedisKeys>().Journal,
            sp.GetRequiredService<RedisKeys>().JournalAppended,
            sp.GetRequiredService<RedisChangeJournal>().Origin,
            () => (IReplica)sp.GetRequiredService<IPersonalizer>(),
            sp.GetRequiredService<RedisSnapshotStore>(),
            Options(sp).ReplicationPollInterval,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RedisMetrics>(),
            RedisLoggers.Create(sp, "Personalize.Sdk.Redis.Replication"),
            sp.GetRequiredService<RestoreGate>(),
            sp.GetRequiredService<ProfileRecall>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReplicaPump>(static sp => sp.GetRequiredService<ReplicaPump>()));
        SnapshotServices.Add(services);
    }

    private static RedisPersonalizationOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value;
}
