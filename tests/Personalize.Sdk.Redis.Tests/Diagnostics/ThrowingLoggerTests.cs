using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Sdk.Redis.Tests.Diagnostics;

/// <summary>The package logs from inside <c>Track</c>: a host logging provider that throws must not fail it.</summary>
public sealed class ThrowingLoggerTests
{
    [Fact]
    public async Task A_throwing_logging_provider_does_not_fail_a_track_whose_journal_write_the_full_buffer_drops()
    {
        var provider = new ThrowingProvider();

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

    private sealed class ThrowingProvider : ILoggerProvider
    {
        private int _thrown;

        public int Thrown => Volatile.Read(ref _thrown);

        public ILogger CreateLogger(string categoryName) => new ThrowingLogger(this);

        public void Dispose()
        {
        }

        private sealed class ThrowingLogger(ThrowingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning)
                {
                    Interlocked.Increment(ref owner._thrown);
                    throw new IOException("log disk full");
                }
            }
        }
    }
}
