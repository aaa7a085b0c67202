using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Personalize.Sdk.Redis.Tests.DependencyInjection;

public sealed class RedisOptionsValidationTests
{
    [Fact]
    public async Task Invalid_options_fail_at_host_start_naming_every_bad_option()
    {
        var failure = await StartAsync(o =>
        {
            o.Configuration = "localhost:6379";
            o.KeyPrefix = "shop{1}";
            o.FlushInterval = TimeSpan.FromMilliseconds(-1);
            o.MaxBufferedWrites = 0;
            o.WriteBatchSize = 0;
            o.OperationTimeout = TimeSpan.FromSeconds(-1);
            o.ShutdownFlushTimeout = TimeSpan.FromHours(1);
        });

        Assert.Contains("RedisPersonalizationOptions.KeyPrefix", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RedisPersonalizationOptions.FlushInterval", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RedisPersonalizationOptions.MaxBufferedWrites", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RedisPersonalizationOptions.WriteBatchSize", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RedisPersonalizationOptions.OperationTimeout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("RedisPersonalizationOptions.ShutdownFlushTimeout", failure.Message, StringComparison.Ordinal);
        Assert.Equal(6, failure.Failures.Count());
    }

    [Fact]
    public async Task Without_a_configuration_or_a_registered_multiplexer_the_configuration_is_named()
    {
        var failure = await StartAsync(_ => { });

        Assert.Contains("RedisPersonalizationOptions.Configuration is required", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_that_does_not_parse_is_named_without_repeating_it()
    {
        var failure = await StartAsync(o => o.Configuration = "localhost:6379,password=hunter2,nonsense=1");

        var message = Assert.Single(failure.Failures);
        Assert.Contains("RedisPersonalizationOptions.Configuration", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis://default:hunter2@127.0.0.1:6379")]
    [InlineData("rediss://hunter2@cache.example.com")]
    [InlineData("default:hunter2@127.0.0.1:6379")]
    [InlineData("localhost:6379,default:hunter2@127.0.0.1:6380")]
    public async Task An_endpoint_that_is_no_host_name_or_address_a_url_or_user_at_host_is_named_without_repeating_it(string configuration)
    {
        // StackExchange.Redis takes these for host names, so without this check the host would start and log them.
        var failure = await StartAsync(o => o.Configuration = configuration);

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("RedisPersonalizationOptions.Configuration ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.DoesNotContain("default", message, StringComparison.Ordinal);
        Assert.DoesNotContain("example", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("cache-1.example.com:6380,cache-2.example.com,password=hunter2,ssl=true")]
    [InlineData("127.0.0.1:6379,[::1]:6380")]
    public void Host_names_and_addresses_are_valid_endpoints(string configuration)
    {
        var services = new ServiceCollection();
        services.AddPersonalization().AddRedis(o => o.Configuration = configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(configuration, provider.GetRequiredService<IOptions<RedisPersonalizationOptions>>().Value.Configuration);
    }

    [Theory]
    [InlineData("localhost:6379,password=hunter2,tunnel=http:")]
    [InlineData("localhost:6379,password=hunter2,tunnel=http:proxy host:8080")]
    public async Task A_tunnel_address_that_is_no_uri_is_named_as_the_configuration_without_repeating_it(string configuration)
    {
        var failure = await StartAsync(o => o.Configuration = configuration);

        var message = Assert.Single(failure.Failures);
        Assert.Contains("RedisPersonalizationOptions.Configuration", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_larger_than_the_buffer_is_named_as_a_cross_option_rule()
    {
        var failure = await StartAsync(o =>
        {
            o.Configuration = "localhost:6379";
            o.MaxBufferedWrites = 10;
            o.WriteBatchSize = 20;
        });

        var message = Assert.Single(failure.Failures);
        Assert.Contains("RedisPersonalizationOptions.WriteBatchSize (20) must not exceed RedisPersonalizationOptions.MaxBufferedWrites (10)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(2 * 86_400_000)]
    public async Task A_snapshot_interval_out_of_range_fails_the_start_naming_it(int milliseconds)
    {
        var failure = await StartAsync(o =>
        {
            o.Configuration = "localhost:6379";
            o.SnapshotInterval = TimeSpan.FromMilliseconds(milliseconds);
        });

        var message = Assert.Single(failure.Failures);
        Assert.Contains("RedisPersonalizationOptions.SnapshotInterval must be zero", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_interval_of_zero_turns_this_servers_snapshots_off_and_is_valid()
    {
        var services = new ServiceCollection();
        services.AddPersonalization().AddRedis(o => o.Configuration = "localhost:6379");
        using var provider = services.BuildServiceProvider();

        var results = provider.GetServices<IValidateOptions<RedisPersonalizationOptions>>()
            .Select(v => v.Validate(Options.DefaultName, new RedisPersonalizationOptions { Configuration = "localhost:6379", SnapshotInterval = TimeSpan.Zero }));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureMessage));
    }

    [Fact]
    public void A_multiplexer_registered_in_the_container_is_enough()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(_ => throw new InvalidOperationException("Not resolved by validation."));
        services.AddPersonalization().AddRedis(_ => { });
        using var provider = services.BuildServiceProvider();

        var results = provider.GetServices<IValidateOptions<RedisPersonalizationOptions>>()
            .Select(v => v.Validate(Options.DefaultName, new RedisPersonalizationOptions()));

        Assert.All(results, r => Assert.True(r.Succeeded, r.FailureMessage));
    }

    [Fact]
    public void AddRedis_rejects_null_arguments_by_name()
    {
        var builder = new ServiceCollection().AddPersonalization();

        Assert.Throws<ArgumentNullException>("builder", () => RedisPersonalizationBuilderExtensions.AddRedis(null!, _ => { }));
        Assert.Throws<ArgumentNullException>("configure", () => builder.AddRedis(null!));
    }

    [Fact]
    public void AddRedis_twice_registers_each_service_once()
    {
        var once = new ServiceCollection();
        once.AddPersonalization().AddRedis(o => o.Configuration = "localhost:6379");
        var services = new ServiceCollection();
        services.AddPersonalization().AddRedis(o => o.Configuration = "localhost:6379").AddRedis(o => o.KeyPrefix = "shop");

        // The connection's lifecycle, the journal's reader, the profile recall and the snapshot compactor, each once.
        Assert.Equal(4, once.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Equal(4, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<RedisPersonalizationOptions>)));
    }

    private static async Task<OptionsValidationException> StartAsync(Action<RedisPersonalizationOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalization().AddRedis(configure);
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
