using Personalize.Sdk.Redis.Tests.TestSupport;

namespace Personalize.Storefront.Tests.Hosting;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentListeningTests
{
    [Fact]
    public async Task The_store_listens_where_ASPNETCORE_URLS_says()
    {
        var url = $"http://127.0.0.1:{FreePorts.OnLoopback()}";
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", url);
        try
        {
            await using var app = StorefrontHost.Build(["--shoppers=0"]);
            await app.StartAsync();

            Assert.Equal([url], app.Urls);
            await app.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", null);
        }
    }

    /// <summary>The README: "add -- --port 5099 for another port on 127.0.0.1": the official .NET container images set ASPNETCORE_HTTP_PORTS=8080.</summary>
    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("ASPNETCORE_HTTPS_PORTS")]
    public async Task The_port_setting_wins_over_the_http_ports_of_the_environment(string variable)
    {
        var port = FreePorts.OnLoopback();
        Environment.SetEnvironmentVariable(variable, FreePorts.OnLoopback().ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await using var app = StorefrontHost.Build([$"--port={port}", "--shoppers=0"]);
            await app.StartAsync();

            Assert.Equal([$"http://127.0.0.1:{port}"], app.Urls);
            await app.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
