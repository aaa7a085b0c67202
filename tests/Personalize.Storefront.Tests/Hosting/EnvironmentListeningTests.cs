using Personalize.Storefront.Tests.Infrastructure;

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
}
