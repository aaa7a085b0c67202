using Microsoft.Extensions.DependencyInjection;
using Personalize.Sdk.Extensibility;
using Personalize.Sdk.Tests.TestSupport;

namespace Personalize.Sdk.Tests.Learning;

/// <summary>
/// A seeded simulated world for the learning proofs: a catalog of <see cref="ItemCount"/> items, a
/// set of request contexts (carried in <see cref="RequestContext.Channel"/>), four custom signals
/// whose value for each (context, item) is uniform in [0, 1], and a hidden click rate per (context,
/// item) that is linear in those values with the world's own true weights. Clicks are Bernoulli
/// draws from a hash of (seed, decision, item), so two personalizers serving the same traffic see
/// the same coin for the same item: common random numbers.
/// </summary>
internal sealed class LearningWorld
{
    public const int ItemCount = 24;
    public const int Contexts = 100;
    public const int Users = 40;
    public static readonly string[] SignalNames = ["sig-a", "sig-b", "sig-c", "sig-d"];

    /// <summary>The configured (default) weights: A highest, then B, C, D.</summary>
    public static readonly float[] DefaultWeights = [1.0f, 0.6f, 0.3f, 0.1f];

    public static readonly IReadOnlyList<CatalogItem> Catalog =
    [
        .. Enumerable.Range(0, ItemCount).Select(i => new CatalogItem { Key = $"item-{i:00}", Category = $"cat-{i % 4}", Title = $"Item {i}" }),
    ];

    private static readonly Dictionary<string, int> ItemIndex = Catalog.Select((item, i) => (item.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
    private static readonly string[] Channels = [.. Enumerable.Range(0, Contexts).Select(c => $"ctx-{c}")];
    private static readonly Dictionary<string, int> ChannelIndex = Channels.Select((name, c) => (name, c)).ToDictionary(p => p.name, p => p.c, StringComparer.Ordinal);

    private readonly float[] _values; // [context, item, signal]
    private readonly double[] _rates; // [context, item]
    private readonly ulong _seed;

    public LearningWorld(int seed, double bias, double[] trueWeights)
    {
        _seed = (ulong)seed;
        TrueWeights = trueWeights;
        var random = new Random(seed);
        _values = new float[Contexts * ItemCount * SignalNames.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = (float)random.NextDouble();
        }

        _rates = new double[Contexts * ItemCount];
        for (var c = 0; c < Contexts; c++)
        {
            for (var item = 0; item < ItemCount; item++)
            {
                var rate = bias;
                for (var s = 0; s < SignalNames.Length; s++)
                {
                    rate += trueWeights[s] * Value(c, item, s);
                }

                _rates[(c * ItemCount) + item] = Math.Clamp(rate, 0, 1);
            }
        }
    }

    /// <summary>Hidden truth that rewards C most, then D, then B, and A least: the reverse of the configured weights.</summary>
    public static LearningWorld Reversed(int seed) => new(seed, 0.02, [0.02, 0.12, 0.45, 0.25]);

    /// <summary>Hidden truth that rewards C almost alone, strongly: the learned weights gain about 0.2 a slot over the configured ones.</summary>
    public static LearningWorld OneSignalDecides(int seed) => new(seed, 0.02, [0, 0.05, 0.9, 0]);

    /// <summary>Hidden truth in which every item is clicked at one rate: no weighting is better than another.</summary>
    public static LearningWorld NoWeightingMatters(int seed) => new(seed, 0.1, [0, 0, 0, 0]);

    /// <summary>Hidden truth proportional to the configured weights: the defaults are already right.</summary>
    public static LearningWorld DefaultsAreTrue(int seed) => new(seed, 0.02, [.. DefaultWeights.Select(w => 0.35 * w)]);

    public double[] TrueWeights { get; }

    public float Value(int context, int item, int signal) => _values[(((context * ItemCount) + item) * SignalNames.Length) + signal];

    public double Rate(int context, string itemKey) => _rates[(context * ItemCount) + ItemIndex[itemKey]];

    public static RequestContext ContextOf(int context) => new() { Channel = Channels[context] };

    /// <summary>The signals, to register with <c>builder.AddSignal(signal, weight, weight)</c>.</summary>
    public IEnumerable<(ISignalProvider Signal, float Weight)> Signals(float[]? weights = null) =>
        SignalNames.Select((name, s) => ((ISignalProvider)new WorldSignal(this, name, s), (weights ?? DefaultWeights)[s]));

    /// <summary>A personalizer on the world's catalog and signals, every built-in signal weighed 0, no cap, no frequency cap; people with 1 to 8 views of history.</summary>
    public TestSdk Sdk(Action<PersonalizationOptions> configure, float[]? weights = null, Action<PersonalizationBuilder>? build = null)
    {
        var sdk = new TestSdk(
            options =>
            {
                foreach (var name in BuiltInSignals.All)
                {
                    options.Weights[name] = 0f;
                    options.ColdStartWeights[name] = 0f;
                }

                options.MaxPerCategory = 0;
                options.Guardrails.Disabled.Add(BuiltInGuardrails.FrequencyCap);
                options.Learning.RewardWaitTime = TimeSpan.FromSeconds(1);
                options.Learning.UpdateInterval = TimeSpan.FromDays(1);
                options.Learning.CandidatePool = 32;
                configure(options);
            },
            builder =>
            {
                foreach (var (signal, weight) in Signals(weights))
                {
                    builder.AddSignal(signal, weight, weight);
                }

                build?.Invoke(builder);
            },
            Catalog);
        for (var u = 0; u < Users; u++)
        {
            for (var v = 0; v <= u % 8; v++)
            {
                sdk.Personalizer.Track(PersonalizationEvent.View(User(u), Catalog[(u + (5 * v)) % ItemCount].Key));
            }
        }

        return sdk;
    }

    public static string User(int u) => $"user-{u}";

    /// <summary>
    /// Serves <paramref name="decisions"/> decisions of seeded traffic (a person and a context
    /// each), rewards each shown item with a Bernoulli click (or its expected reward), and every
    /// <paramref name="batch"/> decisions lets the wait pass and updates the learner.
    /// </summary>
    public Traffic Serve(TestSdk sdk, int trafficSeed, int decisions, int count = 4, int batch = 100, bool expectedRewards = false, Action<int>? afterBatch = null)
    {
        var traffic = new Random(trafficSeed);
        var perDecision = new double[decisions];
        for (var t = 0; t < decisions; t++)
        {
            var user = traffic.Next(Users);
            var context = traffic.Next(Contexts);
            var decision = sdk.Personalizer.Rank(new PersonalizationRequest(User(user)) { Count = count, Context = ContextOf(context) });
            if (decision.Variant != DecisionVariant.Personalized)
            {
                throw new InvalidOperationException($"Decision {t} was served as {decision.Variant}: the simulator needs personalized decisions.");
            }

            double sum = 0;
            foreach (var item in decision.Items)
            {
                var rate = Rate(context, item.ItemKey);
                var reward = expectedRewards ? rate : Coin(trafficSeed, t, item.ItemKey) < rate ? 1.0 : 0.0;
                if (reward > 0)
                {
                    sdk.Personalizer.Reward(decision.Id, item.ItemKey, reward);
                }

                sum += reward;
            }

            perDecision[t] = sum / decision.Items.Count;
            if ((t + 1) % batch == 0 || t == decisions - 1)
            {
                Settle(sdk);
                afterBatch?.Invoke(t + 1);
            }
        }

        return new Traffic(perDecision);
    }

    public static void Settle(TestSdk sdk)
    {
        sdk.Time.Advance(TimeSpan.FromSeconds(2));
        ((Personalizer)sdk.Personalizer).Learner.Update();
    }

    private double Coin(int trafficSeed, int decision, string itemKey)
    {
        var x = _seed ^ ((ulong)(uint)trafficSeed << 32) ^ ((ulong)decision * 0x9E3779B97F4A7C15UL) ^ ((ulong)ItemIndex[itemKey] * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Mean reward per slot of each decision served.</summary>
    internal sealed class Traffic(double[] perDecision)
    {
        public double[] PerDecision { get; } = perDecision;

        public double Mean(int from, int to) => PerDecision[from..to].Average();
    }

    private sealed class WorldSignal(LearningWorld world, string name, int signal) : ISignalProvider
    {
        public string Name => name;

        public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
        {
            var c = context.Request.Channel is { } channel && ChannelIndex.TryGetValue(channel, out var found) ? found : 0;
            for (var i = 0; i < candidates.Length; i++)
            {
                column[i] = world.Value(c, ItemIndex[context.GetItem(candidates[i]).Key], signal);
            }
        }
    }
}
