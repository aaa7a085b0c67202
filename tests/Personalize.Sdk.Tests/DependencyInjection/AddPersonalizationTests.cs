using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Reporting;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.DependencyInjection;

public sealed class AddPersonalizationTests
{
    [Fact]
    public void Calling_it_twice_registers_nothing_twice()
    {
        var services = new ServiceCollection();

        services.AddPersonalization();
        services.AddPersonalization(options => options.MaxCount = 20);

        Assert.Single(services, d => d.ServiceType == typeof(IPersonalizer));
        Assert.Single(services, d => d.ServiceType == typeof(ICatalog));
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
        Assert.Equal(BuiltInSignals.All.Count, services.Count(d => d.ServiceType == typeof(ISignalProvider)));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(BuiltInSignals.All, provider.GetServices<ISignalProvider>().Select(p => p.Name));
    }

    [Fact]
    public void A_second_call_adds_no_descriptor_at_all()
    {
        var services = new ServiceCollection();
        services.AddPersonalization();
        var once = services.ToList();

        services.AddPersonalization();

        // ValidateOnStart's startup-validator step included: each call used to add another.
        Assert.Equal(once, services);
    }

    [Fact]
    public void A_users_own_registrations_are_kept()
    {
        var services = new ServiceCollection();
        var ownPersonalizer = new FixedPersonalizer();
        var ownClock = new FakeTimeProvider();
        services.AddSingleton<IPersonalizer>(ownPersonalizer);
        services.AddSingleton<TimeProvider>(ownClock);

        services.AddPersonalization();

        using var provider = services.BuildServiceProvider();
        Assert.Same(ownPersonalizer, provider.GetRequiredService<IPersonalizer>());
        Assert.Same(ownClock, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void The_personalizer_is_a_singleton()
    {
        using var sdk = new TestSdk();

        Assert.Same(sdk.Personalizer, sdk.Services.GetRequiredService<IPersonalizer>());
        Assert.Single(new ServiceCollection().AddPersonalization().Services, d => d.ServiceType == typeof(IPersonalizer) && d.Lifetime == ServiceLifetime.Singleton);
    }

    [Fact]
    public void Time_comes_from_the_container()
    {
        using var sdk = new TestSdk();
        sdk.Time.Advance(TimeSpan.FromHours(5));

        var decision = sdk.Personalizer.Rank(new PersonalizationRequest("u"));

        Assert.Equal(TestSdk.Start.AddHours(5), decision.Timestamp);
    }

    [Theory, AutoData]
    public void A_custom_signal_registered_through_the_builder_changes_the_ranking(string user)
    {
        using var without = new TestSdk();
        using var with = new TestSdk(build: builder => builder.AddSignal<FavouriteItemSignal>(weight: 2f, coldStartWeight: 2f));

        Assert.NotEqual(FavouriteItemSignal.Favourite, without.TopKeys(user, 1)[0]);
        Assert.Equal(FavouriteItemSignal.Favourite, with.TopKeys(user, 1)[0]);
    }

    [Theory, AutoData]
    public void A_custom_signal_weight_can_be_overridden_by_name_in_options(string user)
    {
        using var sdk = new TestSdk(
            options => options.ColdStartWeights[FavouriteItemSignal.SignalName] = 0f,
            builder => builder.AddSignal<FavouriteItemSignal>(weight: 2f, coldStartWeight: 2f));

        Assert.NotEqual(FavouriteItemSignal.Favourite, sdk.TopKeys(user, 1)[0]);
    }

    [Theory, AutoData]
    public void A_custom_signal_instance_can_read_the_profile(string user)
    {
        var signal = new ProfileEventCountSignal();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(signal, weight: 1f));
        sdk.View(user, "hiking-1", "hiking-2");

        sdk.Personalizer.Rank(new PersonalizationRequest(user));

        Assert.Equal(2, signal.LastEventCount);
        Assert.True(signal.LastHikingAffinity > 1.9, $"affinity was {signal.LastHikingAffinity}");
    }

    [Fact]
    public void Builder_arguments_are_checked_at_once()
    {
        var builder = new ServiceCollection().AddPersonalization();

        Assert.Throws<ArgumentOutOfRangeException>("weight", () => builder.AddSignal<FavouriteItemSignal>(float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("coldStartWeight", () => builder.AddSignal<FavouriteItemSignal>(1f, -1f));

        // Weights near float.MaxValue would make every score infinite, and every item tie.
        Assert.Throws<ArgumentOutOfRangeException>("weight", () => builder.AddSignal<FavouriteItemSignal>(3e38f));
        Assert.Throws<ArgumentOutOfRangeException>("weight", () => builder.AddSignal<FavouriteItemSignal>(1_000_001f));
        builder.AddSignal<FavouriteItemSignal>(1_000_000f);
        Assert.Throws<ArgumentNullException>("provider", () => builder.AddSignal(null!, 1f));
        Assert.Throws<ArgumentNullException>("items", () => builder.AddCatalog(null!));
        Assert.Throws<ArgumentException>("path", () => builder.AddCatalogFile(""));
        builder.AddCatalogFile("catalog.json").AddCatalogFile("catalog.json");
        var second = Assert.Throws<ArgumentException>("path", () => builder.AddCatalogFile("more.json"));
        Assert.Contains("'catalog.json' was added before 'more.json'", second.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("path", () => new ServiceCollection().AddPersonalization().AddCatalogFile("a.json").Services.AddPersonalization().AddCatalogFile("b.json"));
        Assert.Throws<ArgumentNullException>("services", () => ((IServiceCollection)null!).AddPersonalization());
        Assert.Throws<ArgumentNullException>("configure", () => new ServiceCollection().AddPersonalization(null!));
    }

    private sealed class FavouriteItemSignal : ISignalProvider
    {
        public const string SignalName = "favourite";
        public const string Favourite = "garden-3";

        public string Name => SignalName;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            for (var i = 0; i < candidates.Length; i++)
            {
                column[i] = context.GetItem(candidates[i]).Key == Favourite ? 1f : 0f;
            }
        }
    }

    private sealed class ProfileEventCountSignal : ISignalProvider
    {
        public int LastEventCount { get; private set; }

        public double LastHikingAffinity { get; private set; }

        public string Name => "event-count";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            LastEventCount = context.Profile.EventCount;
            LastHikingAffinity = context.Profile.GetCategoryAffinity("hiking");
        }
    }

    private sealed class FixedPersonalizer : IPersonalizer
    {
        public Decision Rank(in PersonalizationRequest request) => throw new NotSupportedException();

        public int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info) => throw new NotSupportedException();

        public void Track(in PersonalizationEvent personalizationEvent) => throw new NotSupportedException();

        public bool Reward(Guid decisionId, double reward) => throw new NotSupportedException();

        public bool Reward(Guid decisionId, string itemKey, double reward) => throw new NotSupportedException();

        public IdentifyResult Identify(string anonymousKey, string knownKey) => throw new NotSupportedException();

        public bool Forget(string userKey) => throw new NotSupportedException();

        public PersonalData GetPersonalData(string userKey) => throw new NotSupportedException();

        public HoldoutAssignment GetHoldoutAssignment(string userKey, string holdout) => throw new NotSupportedException();

        public ConsentFlags GetConsent(string userKey) => throw new NotSupportedException();
    }
}
