using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests;

public sealed class ConcurrencyTests
{
    private const int Threads = 8;
    private const int EventsPerThread = 2_000;

    [Fact]
    public async Task Concurrent_events_for_one_user_lose_nothing_and_readers_never_see_a_torn_profile()
    {
        var probe = new ConsistencyProbe();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(probe, 1f));
        using var stop = new CancellationTokenSource();

        // Every event is a view of a books item at one instant, so an untorn profile always has
        // books affinity equal to its event count. The readers check that on every decision.
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                sdk.Personalizer.Rank(new PersonalizationRequest("shared"));
            }
        })).ToArray();
        var writers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var e = 0; e < EventsPerThread; e++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View("shared", $"books-{1 + ((t + e) % 4)}"));
            }
        })).ToArray();

        await Task.WhenAll(writers);
        stop.Cancel();
        await Task.WhenAll(readers);

        sdk.Personalizer.Rank(new PersonalizationRequest("shared"));
        Assert.Equal(Threads * EventsPerThread, probe.LastEventCount);
        Assert.True(probe.Checks > 0);
        Assert.Equal(0, probe.TornReads);
    }

    [Fact]
    public void Concurrent_events_for_many_users_each_land_on_their_own_profile_and_in_popularity()
    {
        var probe = new ConsistencyProbe();
        using var sdk = new TestSdk(TestSdk.Only(BuiltInSignals.Popularity), builder => builder.AddSignal(probe, 1f));
        for (var e = 0; e < 1_000; e++)
        {
            sdk.View("reference", "books-2");
        }

        Parallel.For(0, Threads, t =>
        {
            for (var e = 0; e < EventsPerThread; e++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View($"user-{e % 50}", "books-1"));
            }
        });

        for (var user = 0; user < 50; user++)
        {
            sdk.Personalizer.Rank(new PersonalizationRequest($"user-{user}"));
            Assert.Equal(Threads * EventsPerThread / 50, probe.LastEventCount);
        }

        // Every concurrent view counted exactly: 1,000 against 16,000.
        Assert.Equal(1_000f / (Threads * EventsPerThread), sdk.ScoreOf("nobody", "books-2"));
    }

    [Fact]
    public async Task Events_racing_a_stitch_all_land_on_the_surviving_profile()
    {
        var probe = new ConsistencyProbe();
        using var sdk = new TestSdk(build: builder => builder.AddSignal(probe, 1f));
        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var e = 0; e < EventsPerThread; e++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View(t % 2 == 0 ? "guest" : "account", "books-1"));
            }
        })).ToArray();

        sdk.Personalizer.Identify("guest", "account");
        await Task.WhenAll(writers);

        sdk.Personalizer.Rank(new PersonalizationRequest("guest"));
        Assert.Equal(4 * EventsPerThread, probe.LastEventCount);
    }

    [Fact]
    public async Task Swapping_catalogs_while_deciding_never_mixes_two_snapshots()
    {
        CatalogItem[] first = [.. Enumerable.Range(0, 200).Select(i => new CatalogItem { Key = $"first-{i}", Category = "a" })];
        CatalogItem[] second = [.. Enumerable.Range(0, 150).Select(i => new CatalogItem { Key = $"second-{i}", Category = "b" })];

        // Start on the first catalog, not the test catalog: a reader may decide before the first
        // swap, and the test catalog's keys have four prefixes of their own, so a whole, unmixed
        // test catalog would look mixed. Every snapshot a reader can see is then one of these two.
        using var sdk = new TestSdk(options => options.MaxCount = 500, catalog: first);
        using var stop = new CancellationTokenSource();
        var mixed = 0;
        var decisions = 0;
        string? firstMix = null;

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var items = sdk.Personalizer.Rank(new PersonalizationRequest("reader") { Count = 500 }).Items;
                var prefixes = items.Select(i => i.ItemKey.Split('-')[0]).Distinct().ToArray();

                // One whole snapshot: all of the first catalog or all of the second, nothing else.
                if (!(prefixes is ["first"] && items.Count == first.Length) && !(prefixes is ["second"] && items.Count == second.Length))
                {
                    Interlocked.Increment(ref mixed);
                    Interlocked.CompareExchange(ref firstMix, $"{items.Count} items with key prefixes {string.Join(", ", prefixes)}", null);
                }

                Interlocked.Increment(ref decisions);
            }
        })).ToArray();

        // Keep swapping until the readers have decided often enough. Under a loaded test run the
        // readers can start late, so the bound is generous time, not a count of swaps.
        var bound = System.Diagnostics.Stopwatch.StartNew();
        for (var swap = 0; Volatile.Read(ref decisions) < 500 && bound.Elapsed < TimeSpan.FromMinutes(2); swap++)
        {
            sdk.Catalog.Replace(swap % 2 == 0 ? first : second);
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(decisions >= 500, $"only {decisions} decisions ran beside the swaps");
        Assert.True(mixed == 0, $"{mixed} decisions mixed snapshots, the first: {firstMix}");
    }

    [Fact]
    public async Task Swapping_catalogs_never_lets_a_decision_see_a_sensitive_category_without_consent()
    {
        var probe = new SensitiveProbe();
        using var sdk = new TestSdk(options => options.Guardrails.SensitiveCategories.Add("health"), builder => builder.AddSignal(probe, 1f));
        CatalogItem[] plain = [.. Enumerable.Range(0, 50).Select(i => new CatalogItem { Key = $"plain-{i}", Category = "a" })];
        CatalogItem[] withHealth = [.. plain, .. Enumerable.Range(0, 50).Select(i => new CatalogItem { Key = $"health-{i}", Category = "health" })];
        sdk.Catalog.Replace(withHealth);
        sdk.View("patient", "health-1", "health-2", "health-3");
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                sdk.Personalizer.Rank(new PersonalizationRequest("patient") { Count = 5 });
            }
        })).ToArray();

        var bound = System.Diagnostics.Stopwatch.StartNew();
        for (var swap = 0; probe.Checks < 2_000 && bound.Elapsed < TimeSpan.FromMinutes(1); swap++)
        {
            sdk.Catalog.Replace(swap % 2 == 0 ? plain : withHealth);
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(probe.Checks >= 2_000, $"only {probe.Checks} decisions ran beside the swaps");
        Assert.Equal(0, probe.Leaks);
    }

    /// <summary>Counts decisions whose profile view shows interest in the sensitive category.</summary>
    private sealed class SensitiveProbe : ISignalProvider
    {
        private int _leaks;
        private int _checks;

        public string Name => "sensitive-probe";

        public int Leaks => Volatile.Read(ref _leaks);

        public int Checks => Volatile.Read(ref _checks);

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            if (context.Profile.GetCategoryAffinity("health") > 0)
            {
                Interlocked.Increment(ref _leaks);
            }

            Interlocked.Increment(ref _checks);
        }
    }

    /// <summary>Records the profile each decision saw and counts views that disagree with the event count.</summary>
    private sealed class ConsistencyProbe : ISignalProvider
    {
        private int _tornReads;
        private int _checks;

        public int LastEventCount { get; private set; }

        public int TornReads => _tornReads;

        public int Checks => _checks;

        public string Name => "consistency-probe";

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var profile = context.Profile;
            LastEventCount = profile.EventCount;
            if (Math.Abs(profile.GetCategoryAffinity("books") - profile.EventCount) > 1e-6)
            {
                Interlocked.Increment(ref _tornReads);
            }

            Interlocked.Increment(ref _checks);
        }
    }
}
