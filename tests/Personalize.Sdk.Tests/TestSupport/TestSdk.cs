using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>A personalizer on the test catalog, a fake clock and real metrics, built as a host would.</summary>
internal sealed class TestSdk : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public TestSdk(Action<PersonalizationOptions>? configure = null, Action<PersonalizationBuilder>? build = null, IEnumerable<CatalogItem>? catalog = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddPersonalization(options => configure?.Invoke(options)).AddCatalog(catalog ?? TestCatalog.Items);
        build?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Personalizer = _provider.GetRequiredService<IPersonalizer>();
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Options that weigh one signal 1 and every other built-in 0, for users with and without history.</summary>
    public static Action<PersonalizationOptions> Only(string signal) => options =>
    {
        foreach (var name in BuiltInSignals.All)
        {
            options.Weights[name] = name == signal ? 1f : 0f;
            options.ColdStartWeights[name] = name == signal ? 1f : 0f;
        }
    };

    /// <summary>Weighs the given signals for users with history, and every other built-in 0.</summary>
    public static void WeighOnly(PersonalizationOptions options, params (string Signal, float Weight)[] weights)
    {
        foreach (var name in BuiltInSignals.All)
        {
            options.Weights[name] = 0f;
        }

        foreach (var (signal, weight) in weights)
        {
            options.Weights[signal] = weight;
        }
    }

    /// <summary>Options that weigh the given signals, and every other built-in 0, for users with and without history alike.</summary>
    public static Action<PersonalizationOptions> WeighForEveryone(params (string Signal, float Weight)[] weights) => options =>
    {
        WeighOnly(options, weights);
        foreach (var name in BuiltInSignals.All)
        {
            options.ColdStartWeights[name] = options.Weights[name];
        }
    };

    public ICatalog Catalog => Services.GetRequiredService<ICatalog>();

    public int ProfileCount => ((Personalizer)Personalizer).ProfileCount;

    public Decision Rank(string userKey, int count = 16, RequestContext context = default) =>
        Personalizer.Rank(new PersonalizationRequest(userKey) { Count = count, Context = context });

    public float ScoreOf(string userKey, string itemKey, RequestContext context = default) =>
        Rank(userKey, 100, context).Items.Single(item => item.ItemKey == itemKey).Score;

    public IPersonalizer Personalizer { get; }

    public IServiceProvider Services => _provider;

    public string[] TopKeys(string userKey, int count = 4) =>
        [.. Personalizer.Rank(new PersonalizationRequest(userKey) { Count = count }).Items.Select(item => item.ItemKey)];

    public void View(string userKey, params string[] itemKeys)
    {
        foreach (var itemKey in itemKeys)
        {
            Personalizer.Track(PersonalizationEvent.View(userKey, itemKey));
        }
    }

    /// <summary>The readiness report as of the fake clock.</summary>
    public ReadinessReport Readiness() =>
        Services.GetRequiredService<IReadinessReporter>().GetReport();

    public void Dispose() => _provider.Dispose();
}
