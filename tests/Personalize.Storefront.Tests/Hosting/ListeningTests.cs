using System.Net;
using System.Net.Sockets;

using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Storefront.Tests.Hosting;

/// <summary>The real app on Kestrel: where it listens, and what it says when it cannot.</summary>
public sealed class ListeningTests
{
    [Fact]
    public async Task The_port_setting_listens_on_127_0_0_1()
    {
        await using var app = StorefrontHost.Build(["--port=0", "--shoppers=0"]);
        await app.StartAsync();

        Assert.Equal(IPAddress.Loopback.ToString(), new Uri(app.Urls.Single()).Host);
        await app.StopAsync();
    }

    [Fact]
    public async Task The_store_listens_where_urls_say()
    {
        var url = $"http://127.0.0.1:{FreePorts.OnLoopback()}";
        await using var app = StorefrontHost.Build(["--urls", url, "--shoppers=0"]);
        await app.StartAsync();

        Assert.Equal([url], app.Urls);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_busy_port_is_one_line_saying_to_pass_another_port_and_a_non_zero_exit()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, output, errors) = await StorefrontProcess.RunAsync($"--port={port}", "--shoppers=0");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"The port is busy: Failed to bind to address http://127.0.0.1:{port}: address already in use.", line, StringComparison.Ordinal);
        Assert.Contains("Pass --port N", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
    }

    /// <summary>--urls wins over --port, so the advice names the setting that chose the address.</summary>
    [Fact]
    public async Task A_busy_address_from_urls_is_one_line_saying_to_change_the_urls_not_to_pass_a_port()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--urls", $"http://127.0.0.1:{port}", "--shoppers=0");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"The port is busy: Failed to bind to address http://127.0.0.1:{port}: address already in use.", line, StringComparison.Ordinal);
        Assert.Contains("comes from --urls: change it there", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass --port", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_that_is_no_number_is_one_line_naming_it_and_a_non_zero_exit()
    {
        var (exitCode, output, errors) = await StorefrontProcess.RunAsync("--port=http", "--shoppers=0");

        Assert.Equal(2, exitCode);
        Assert.Equal("The setting 'port' must be a whole number from 0 to 65535, not 'http'.", errors.Trim());
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
    }
}
