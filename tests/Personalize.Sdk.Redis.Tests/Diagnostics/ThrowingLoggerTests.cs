using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Redis.Tests.TestSupport;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Diagnostics;

/// <summary>The package logs from inside <c>Track</c>: a host logging provider that throws must not fail it.</summary>
public sealed class ThrowingLoggerTests
{
    [Fact]
    public async Task A_throwing_logging_provider_does_not_fail_a_track_whose_journal_write_the_full_buffer_drops()
    {
        var provider = new ThrowingLoggerProvider();

        // Nothing listens on the port: every write waits in the buffer, which holds one.
        var app = RedisHost.Build(
            o =>
            {
                o.Configuration = $"127.0.0.1:{FreePorts.OnLoopback()},connectTimeout=200";
                o.MaxBufferedWrites = 1;
                o.WriteBatchSize = 1;
                o.ShutdownFlushTimeout = TimeSpan.Zero;
            },
            services => services.AddLogging(logging => logging.AddProvider(provider)));
        await app.Host.StartAsync();
        app.Host.Services.GetRequiredService<ICatalog>().Replace([new CatalogItem { Key = "boots", Category = "shoes" }]);
        var personalizer = app.Host.Services.GetRequiredService<IPersonalizer>();

        var thrown = Record.Exception(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                personalizer.Track(PersonalizationEvent.View($"u-{i}", "boots"));
            }
        });
        var stopped = await Record.ExceptionAsync(async () => await app.DisposeAsync());

        Assert.True(provider.Thrown >= 1, "the test did not reach the logging it guards");
        Assert.Null(thrown);
        Assert.Null(stopped);
    }
}
