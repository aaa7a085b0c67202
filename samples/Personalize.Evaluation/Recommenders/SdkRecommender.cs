using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Personalize.Evaluation.Protocol;
using Personalize.Sdk;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// The SDK through its public API only: a fresh container per fit, with a settable clock registered
/// before <c>AddPersonalization</c>; training events are replayed through <c>Track</c> in time order
/// with the clock at each event's time, and lists come from <c>Rank</c> with the candidates passed in.
/// </summary>
internal sealed class SdkRecommender : IIncrementalRecommender, ISegmentedRecommender, IDisposable
{
    private readonly SdkConfiguration _configuration;
    private readonly ExperimentalSignal? _experimental;
    private EaseItemSignal? _signal;
    private ServiceProvider? _services;
    private FakeTimeProvider? _clock;
    private IPersonalizer? _personalizer;
    private TrainingSet? _train;
    private SdkCounters? _counters;
    private string[] _candidateKeys = [];
    private RankedItem[] _ranked = [];

    /// <summary>Creates the recommender; nothing runs until <see cref="Fit"/>.</summary>
    public SdkRecommender(SdkConfiguration configuration)
        : this(configuration, null)
    {
    }

    /// <summary>Creates the recommender with an experimental custom signal (the <c>ease-study</c> branch); nothing runs until <see cref="Fit"/>.</summary>
    public SdkRecommender(SdkConfiguration configuration, ExperimentalSignal? experimental)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        _experimental = experimental;
    }

    /// <inheritdoc />
    public string Name => _configuration.Name;

    /// <inheritdoc />
    public string? LastSegment { get; private set; }

    /// <summary>What the SDK reported on its meter so far (events, decisions by variant, evictions).</summary>
    public IReadOnlyDictionary<string, long> Counters => _counters?.Snapshot() ?? new Dictionary<string, long>();

    /// <inheritdoc />
    public void Fit(TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        DisposeServices();
        _train = train;

        // The clock starts at the first event, so the SDK's popularity epoch is the log's start.
        _clock = new FakeTimeProvider(train.Start);
        _counters = new SdkCounters();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IMeterFactory>(_counters);
        var builder = services.AddPersonalization(_configuration.Apply).AddCatalog(train.Catalog);
        if (_experimental is { } experimental)
        {
            _signal = experimental.Create(train);
            builder.AddSignal(_signal, experimental.Weight, experimental.ColdStartWeight);
        }

        _services = services.BuildServiceProvider();
        _personalizer = _services.GetRequiredService<IPersonalizer>();
        _candidateKeys = new string[train.ItemKeys.Count];

        foreach (var interaction in train.Events)
        {
            Track(interaction);
        }
    }

    /// <inheritdoc />
    public void Observe(in IndexedEvent interaction) => Track(interaction);

    /// <summary>Moves the clock to the event's time and tracks it.</summary>
    private void Track(in IndexedEvent interaction)
    {
        var (personalizer, train) = Fitted();
        AdvanceTo(interaction.Timestamp);
        personalizer.Track(ToEvent(interaction, train) with { Timestamp = interaction.Timestamp });
    }

    /// <summary>The SDK event for an interaction, by the data set's event kind.</summary>
    /// <exception cref="NotSupportedException">The kind is not one an interaction log is replayed as.</exception>
    public static PersonalizationEvent ToEvent(in IndexedEvent interaction, TrainingSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var user = train.UserKeys[interaction.User];
        var item = train.ItemKeys[interaction.Item];
        return train.EventKind switch
        {
            EventKind.Purchase => PersonalizationEvent.Purchase(user, item, Math.Max(1, interaction.Quantity), interaction.Revenue),
            EventKind.Rating => PersonalizationEvent.Rating(user, item, interaction.Rating),
            EventKind.View => PersonalizationEvent.View(user, item),
            EventKind.Click => PersonalizationEvent.Click(user, item),
            EventKind.AddToCart => PersonalizationEvent.AddToCart(user, item),
            _ => throw new NotSupportedException($"Interactions are not replayed as {train.EventKind} events."),
        };
    }

    /// <inheritdoc />
    public int Recommend(int user, ReadOnlySpan<int> candidates, DateTimeOffset now, Span<int> destination)
    {
        var (personalizer, train) = Fitted();
        AdvanceTo(now);
        for (var i = 0; i < candidates.Length; i++)
        {
            _candidateKeys[i] = train.ItemKeys[candidates[i]];
        }

        if (_ranked.Length < destination.Length)
        {
            _ranked = new RankedItem[destination.Length];
        }

        var request = new PersonalizationRequest(train.UserKeys[user])
        {
            Candidates = _candidateKeys.AsMemory(0, candidates.Length),
            Count = destination.Length,
        };
        if (_signal is not null)
        {
            _signal.CurrentUser = user;
        }

        var written = personalizer.Rank(request, _ranked.AsSpan(0, destination.Length), out var info);
        LastSegment = Segment(info);

        for (var i = 0; i < written; i++)
        {
            if (!train.TryGetItem(_ranked[i].ItemKey, out destination[i]))
            {
                throw new InvalidOperationException($"The SDK returned '{_ranked[i].ItemKey}', which is not a candidate.");
            }
        }

        return written;
    }

    /// <inheritdoc />
    public void Dispose() => DisposeServices();

    /// <summary>A decision's variant and reason in words, for example <c>cold start (low confidence)</c>.</summary>
    public static string Segment(in DecisionInfo info) => (info.Variant, info.Reason) switch
    {
        (DecisionVariant.Personalized, DecisionReason.Profile) => "personalized",
        (DecisionVariant.ColdStart, DecisionReason.LowConfidence) => "cold start (low confidence)",
        (DecisionVariant.ColdStart, DecisionReason.NoHistory) => "cold start (no history)",
        var (variant, reason) => $"{variant} ({reason})",
    };

    private (IPersonalizer Personalizer, TrainingSet Train) Fitted() =>
        _personalizer is not null && _train is not null
            ? (_personalizer, _train)
            : throw new InvalidOperationException("Call Fit first.");

    /// <summary>Moves the clock forward to <paramref name="time"/>; it never goes back.</summary>
    private void AdvanceTo(DateTimeOffset time)
    {
        if (_clock is not null && time > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(time);
        }
    }

    private void DisposeServices()
    {
        if (_signal is not null)
        {
            Console.Error.WriteLine($"ease-signal: {Name}: {_signal.Describe()}");
            _signal = null;
        }

        _services?.Dispose();
        _services = null;
        _counters?.Dispose();
        _personalizer = null;
    }
}
