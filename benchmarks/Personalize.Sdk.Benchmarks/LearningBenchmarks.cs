using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Learning;

namespace Personalize.Sdk.Benchmarks;

/// <summary>
/// What learning costs on the request path: one decision over a 1,000-item catalog, six signals,
/// top 10, for a user with history, with learning off (the baseline) and online with the learned
/// weights serving and 5% exploration (a pool of the mix's best 32, re-scored, chosen slot by slot,
/// logged in the pending ring). Plus the reward model alone at the real dimension: 2 x 9 signals + 1 = 19.
/// </summary>
/// <remarks>
/// The online personalizer is never settled while measured, so its pending ring (16,384) fills
/// and then drops its oldest decision on every call, as a server whose learner stalled would.
/// </remarks>
[MemoryDiagnoser]
public class LearningBenchmarks
{
    private const int Items = 1_000;
    private const int Top = 10;

    private ServiceProvider _offServices = null!;
    private ServiceProvider _onlineServices = null!;
    private IPersonalizer _off = null!;
    private IPersonalizer _online = null!;
    private ServiceProvider _sameSignalsServices = null!;
    private IPersonalizer _sameSignals = null!;
    private PersonalizationRequest _request;
    private RankedItem[] _destination = null!;
    private LinearRewardModel _model = null!;
    private float[][] _features = null!;
    private double[] _rewards = null!;
    private double[] _weights = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = BenchmarkData.Catalog(Items);
        (_offServices, _off) = BenchmarkData.Warm(catalog, configure: options => Configure(options, LearningMode.Off));
        (_onlineServices, _online) = Trained(catalog, sameSignalsForColdStart: false);
        (_sameSignalsServices, _sameSignals) = Trained(catalog, sameSignalsForColdStart: true);
        _request = new PersonalizationRequest(BenchmarkData.User)
        {
            Candidates = catalog.Select(item => item.Key).ToArray(),
            Count = Top,
            Context = new RequestContext { Channel = "web" },
        };
        _destination = new RankedItem[Top];
        foreach (var personalizer in new[] { _online, _sameSignals, _off })
        {
            personalizer.Rank(_request, _destination, out var info);
            if (info.Variant != DecisionVariant.Personalized)
            {
                throw new InvalidOperationException($"{BenchmarkData.User} is served {info.Variant}, not Personalized: nothing would learn.");
            }
        }

        var random = new Random(2);
        var dimensions = LearningFeatures.Dimensions(BuiltInSignalCount);
        _model = new LinearRewardModel(dimensions);
        _features = [.. Enumerable.Range(0, 1_024).Select(_ => Enumerable.Range(0, dimensions).Select(d => d == dimensions - 1 ? 1f : (float)random.NextDouble()).ToArray())];
        _rewards = [.. Enumerable.Range(0, 1_024).Select(_ => random.NextDouble() < 0.2 ? 1.0 : 0.0)];
        foreach (var (features, reward) in _features.Zip(_rewards))
        {
            _model.Observe(features, reward);
        }

        _weights = new double[dimensions];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _offServices.Dispose();
        _onlineServices.Dispose();
        _sameSignalsServices.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Rank_LearningOff() => _off.Rank(_request, _destination, out _);

    /// <summary>Learning online: the placement also computes the signals its cold-start weights use (popularity's companions), so every decision logs the same features.</summary>
    [Benchmark]
    public int Rank_LearningOnline() => _online.Rank(_request, _destination, out _);

    /// <summary>Learning online where the cold-start weights use the same six signals: the learner's own work (pool, slate, log) alone.</summary>
    [Benchmark]
    public int Rank_LearningOnline_SameSignals() => _sameSignals.Rank(_request, _destination, out _);

    /// <summary>One observation (a shown item's features and reward) into the 19 x 19 statistics.</summary>
    [Benchmark]
    public void Model_Observe()
    {
        var i = _next++ & 1_023;
        _model.Observe(_features[i], _rewards[i]);
    }

    /// <summary>Solving the 19-dimensional ridge regression: done once per placement per update.</summary>
    [Benchmark]
    public double Model_SolveInto()
    {
        _model.SolveInto(_weights);
        return _weights[0];
    }

    internal static int BuiltInSignalCount => Extensibility.BuiltInSignals.All.Count;

    /// <summary>A personalizer learning online from 2,000 rewarded decisions, its learned weights serving.</summary>
    private static (ServiceProvider, IPersonalizer) Trained(CatalogItem[] catalog, bool sameSignalsForColdStart)
    {
        var clock = new ManualClock();
        var (services, personalizer) = BenchmarkData.Warm(catalog, attach: builder => builder.Services.AddSingleton<TimeProvider>(clock), configure: options =>
        {
            Configure(options, LearningMode.Online);
            if (sameSignalsForColdStart)
            {
                foreach (var signal in Extensibility.BuiltInSignals.All)
                {
                    options.ColdStartWeights[signal] = BenchmarkData.SixSignals.Contains(signal) ? 1f : 0f;
                }
            }
        });
        var learner = ((Personalizer)personalizer).Learner;
        learner.Random = new Random(1);
        var random = new Random(2);
        for (var i = 0; i < 2_000; i++)
        {
            var decision = personalizer.Rank(new PersonalizationRequest($"user-{random.Next(200)}") { Count = Top });
            if (decision.Items.Count > 0 && random.NextDouble() < 0.3)
            {
                personalizer.Reward(decision.Id, decision.Items[random.Next(decision.Items.Count)].ItemKey, 1);
            }
        }

        clock.Advance(learner.Options.RewardWaitTime + TimeSpan.FromSeconds(1));
        learner.Update();
        if (learner.For(0) is not { LearnedServes: true })
        {
            throw new InvalidOperationException("The learned weights do not serve: the benchmark would measure the default policy.");
        }

        return (services, personalizer);
    }

    internal static void Configure(PersonalizationOptions options, LearningMode mode)
    {
        foreach (var signal in Extensibility.BuiltInSignals.All)
        {
            options.Weights[signal] = BenchmarkData.SixSignals.Contains(signal) ? 1f : 0f;
        }

        options.Learning.Mode = mode;
        options.Learning.ExplorationRate = 0.05;
        options.Learning.MinSettledDecisions = 1;
        options.Learning.UpdateInterval = TimeSpan.FromDays(1); // updates are driven by hand
    }
}

/// <summary>
/// The learner's update (settle the due decisions, learn each, solve, arbitrate), per 1,000 settled
/// decisions of 10 slots each over a 1,000-item catalog: the work done off the request path.
/// Apprentice also re-evaluates the window (up to 10,000 decisions) on every update.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class LearningUpdateBenchmarks
{
    private const int Decisions = 1_000;

    private ServiceProvider _services = null!;
    private IPersonalizer _personalizer = null!;
    private Learner _learner = null!;
    private ManualClock _clock = null!;
    private Random _random = null!;

    [Params(LearningMode.Online, LearningMode.Apprentice)]
    public LearningMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock();
        (_services, _personalizer) = BenchmarkData.Warm(BenchmarkData.Catalog(1_000), attach: builder => builder.Services.AddSingleton<TimeProvider>(_clock), configure: options => LearningBenchmarks.Configure(options, Mode));
        _learner = ((Personalizer)_personalizer).Learner;
        _learner.Random = new Random(1);
        _random = new Random(2);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Serves and rewards 1,000 decisions (not measured), then lets their wait pass.</summary>
    [IterationSetup]
    public void ServeThousand()
    {
        for (var i = 0; i < Decisions; i++)
        {
            var decision = _personalizer.Rank(new PersonalizationRequest($"user-{_random.Next(200)}") { Count = 10 });
            if (decision.Items.Count > 0 && _random.NextDouble() < 0.3)
            {
                _personalizer.Reward(decision.Id, decision.Items[_random.Next(decision.Items.Count)].ItemKey, 1);
            }
        }

        _clock.Advance(_learner.Options.RewardWaitTime + TimeSpan.FromSeconds(1));
    }

    [Benchmark]
    public void Update_Per1000Decisions() => _learner.Update();
}

/// <summary>A clock moved by hand; timers are the system's (the learner's is set to a day and never fires).</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
