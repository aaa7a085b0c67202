using Microsoft.Extensions.DependencyInjection;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A personalizer on the test catalog and real metrics, on a clock that can be set back.</summary>
internal sealed class SteppedSdk : IDisposable
{
    private readonly ServiceProvider _provider;

    public SteppedSdk(Action<PersonalizationOptions> configure, Action<PersonalizationBuilder>? build = null)
    {
        Clock = new SteppingClock(TestSdk.Start);
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(Clock);
        var builder = services.AddPersonalization(configure).AddCatalog(TestCatalog.Items);
        build?.Invoke(builder);
        _provider = services.BuildServiceProvider();
        Personalizer = _provider.GetRequiredService<IPersonalizer>();
    }

    public SteppingClock Clock { get; }

    public IPersonalizer Personalizer { get; }

    public IServiceProvider Services => _provider;

    public void Dispose() => _provider.Dispose();
}
