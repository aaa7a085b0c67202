using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Personalize.Sdk.Engine;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Profiles;

/// <summary>
/// The idle and capacity scan runs on a pool thread, where a fault would reach nobody: one that
/// fails part-way is counted and logged (without the person's key), and the next pass goes on.
/// </summary>
public sealed class ProfileMaintenanceFailureTests
{
    [Fact]
    public async Task A_scan_that_fails_part_way_is_counted_and_logged_without_the_key_and_the_next_pass_trims_the_store()
    {
        var logs = new FakeLogCollector();
        var recall = new FailingOnceRecall();
        using var sdk = new TestSdk(
            options => options.MaxProfiles = 10,
            build: builder => builder.Services
                .AddSingleton<IProfileRecall>(recall)
                .AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        using var failures = new MetricCollector<long>(sdk.Services.GetRequiredService<IMeterFactory>(), "Personalize.Sdk", "personalize.profiles.maintenance_failures");

        for (var user = 0; user < 20; user++)
        {
            sdk.Personalizer.Track(PersonalizationEvent.View($"secret-user-{user}", "books-1"));
            sdk.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await failures.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(30));
        var logged = Assert.Single(logs.GetSnapshot(), record => record.Id.Id == 22);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(nameof(InvalidOperationException), logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-user", logged.Message, StringComparison.Ordinal);

        // The next new profile past the cap starts another pass, which trims the store.
        sdk.Time.Advance(TimeSpan.FromMinutes(1));
        sdk.Personalizer.Track(PersonalizationEvent.View("secret-user-20", "books-1"));
        await ((Personalizer)sdk.Personalizer).ProfileMaintenance.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(sdk.ProfileCount, 1, 10);
        Assert.Single(failures.GetMeasurementSnapshot());
    }

    /// <summary>Throws, naming the person, the first time a profile leaves memory; finds nobody.</summary>
    private sealed class FailingOnceRecall : IProfileRecall
    {
        private int _thrown;

        public Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Missing(string profileKey, bool linked = false)
        {
        }

        public void Released(string profileKey)
        {
            if (Interlocked.Exchange(ref _thrown, 1) == 0)
            {
                throw new InvalidOperationException($"Could not release {profileKey}.");
            }
        }
    }
}
