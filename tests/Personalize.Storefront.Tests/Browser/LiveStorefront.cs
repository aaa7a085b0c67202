using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk;
using Personalize.Sdk.Extensibility;
using Personalize.Storefront.Measurement;

namespace Personalize.Storefront.Tests.Browser;

/// <summary>The real app, on Kestrel at 127.0.0.1 and a free port, built exactly as <c>dotnet run</c> builds it.</summary>
public sealed class LiveStorefront : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>A visitor id of the test's own (<paramref name="name"/> tells them apart) that the holdout treats, so it sees personalization.</summary>
    public string TreatedVisitorId(string name)
    {
        var holdouts = _app!.Services.GetRequiredService<IHoldoutAssigner>();
        return Enumerable.Range(0, 1_000)
            .Select(i => $"browser-{name}-{i}")
            .First(key => holdouts.Assign(StorefrontHoldout.Name, key).Arm == HoldoutArm.Treatment);
    }

    public async Task InitializeAsync()
    {
        _app = StorefrontHost.Build(["--port=0"]);
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
