using Microsoft.AspNetCore.Builder;

namespace Personalize.Storefront.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 and a free port, without simulated shoppers: for what the
/// in-memory test server does not check, such as the header values Kestrel refuses to send.
/// </summary>
public sealed class KestrelStorefront : IAsyncLifetime
{
    private WebApplication? _app;
    private int _visitors;

    public Uri Address { get; private set; } = null!;

    /// <summary>A new browser with its own visitor id.</summary>
    public Visitor NewVisitor() => new(Address, $"kestrel-{Interlocked.Increment(ref _visitors)}", debug: false);

    public async Task InitializeAsync()
    {
        _app = StorefrontHost.Build(["--port=0", "--shoppers=0"]);
        await _app.StartAsync();
        Address = new Uri(_app.Urls.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
