using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Personalize.Evaluation.Protocol;
using Personalize.Sdk.Extensibility;

namespace Personalize.Evaluation.Recommenders;

/// <summary>
/// EXPERIMENTAL (branch <c>ease-study</c>, validation only): one extra SDK row with a custom
/// <see cref="ISignalProvider"/> that scores candidates by EASE's item-item matrix B. Opt-in through
/// the environment variable <see cref="EnvironmentVariable"/>; when it is unset nothing here runs and
/// the harness's output is unchanged.
/// </summary>
/// <remarks>
/// Grammar: entries separated by <c>;</c>, each <c>W</c> (the signal's personalized weight)
/// optionally followed by <c>:</c> and comma-separated options: <c>cold=C</c> (its cold-start weight,
/// default 0), <c>history=full</c> (read the user's whole training history through a side channel
/// instead of the public <see cref="ProfileView.RecentItems"/>: a diagnostic, not servable through the
/// public API), <c>window=N</c> (fit B on a Gram matrix counted only between each event's item and
/// the user's previous N distinct items, in time order, as the SDK could count from its event stream
/// without keeping whole histories; the diagonal is still each item's user count), <c>lambda=L</c> (fit B at λ L instead of the EASE baseline's tuned λ), or <c>builtin-signal=w</c> (a built-in signal's personalized weight). Example:
/// <c>PERSONALIZE_EVAL_EASE_SIGNAL="0;1;2;4;2:similar-items=0"</c>.
/// </remarks>
/// <param name="Weight">The signal's personalized weight.</param>
/// <param name="ColdStartWeight">The signal's cold-start weight.</param>
/// <param name="Weights">Built-in personalized weights to override.</param>
/// <param name="FullHistory">Whether to read the whole training history (side channel) instead of the profile's recent items.</param>
/// <param name="Lambda">λ for B, or null for the EASE baseline's tuned λ of the data set.</param>
/// <param name="GramWindow">0 for the exact XᵀX; N for the windowed Gram matrix (see the remarks).</param>
internal sealed record EaseSignalVariant(float Weight, float ColdStartWeight, IReadOnlyDictionary<string, float> Weights, bool FullHistory, double? Lambda = null, int GramWindow = 0)
{
    /// <summary>The opt-in switch.</summary>
    public const string EnvironmentVariable = "PERSONALIZE_EVAL_EASE_SIGNAL";

    /// <summary>The variants asked for in <see cref="EnvironmentVariable"/>; empty when it is unset.</summary>
    public static IReadOnlyList<EaseSignalVariant> FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Parses the grammar in the remarks.</summary>
    /// <exception cref="FormatException">An entry is malformed.</exception>
    public static IReadOnlyList<EaseSignalVariant> Parse(string? text)
    {
        var variants = new List<EaseSignalVariant>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return variants;
        }

        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 2, StringSplitOptions.TrimEntries);
            var weight = ParseWeight(parts[0], entry);
            var cold = 0f;
            var full = false;
            double? lambda = null;
            var window = 0;
            var weights = new Dictionary<string, float>(StringComparer.Ordinal);
            if (parts.Length == 2)
            {
                foreach (var option in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var pair = option.Split('=', 2, StringSplitOptions.TrimEntries);
                    if (pair.Length != 2)
                    {
                        throw new FormatException($"'{option}' in '{entry}' is not name=value.");
                    }

                    switch (pair[0])
                    {
                        case "cold":
                            cold = ParseWeight(pair[1], entry);
                            break;
                        case "lambda":
                            lambda = double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : throw new FormatException($"'{pair[1]}' in '{entry}' is not a λ > 0.");
                            break;
                        case "window":
                            window = int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0 ? w : throw new FormatException($"'{pair[1]}' in '{entry}' is not a window > 0.");
                            break;
                        case "history" when pair[1] == "full":
                            full = true;
                            break;
                        default:
                            weights[SdkSignals.All.Contains(pair[0], StringComparer.Ordinal) ? pair[0] : throw new FormatException($"'{pair[0]}' is not a built-in signal.")] = ParseWeight(pair[1], entry);
                            break;
                    }
                }
            }

            variants.Add(new EaseSignalVariant(weight, cold, weights, full, lambda, window));
        }

        return variants;
    }

    /// <summary>The row's name.</summary>
    public string RowName =>
        string.Create(CultureInfo.InvariantCulture, $"sdk + ease-signal {Weight:0.###}")
        + (ColdStartWeight > 0 ? string.Create(CultureInfo.InvariantCulture, $" (cold start {ColdStartWeight:0.###})") : string.Empty)
        + (FullHistory ? " (full history, side channel)" : string.Empty)
        + (Lambda is { } l ? string.Create(CultureInfo.InvariantCulture, $" (λ {l})") : string.Empty)
        + (GramWindow > 0 ? string.Create(CultureInfo.InvariantCulture, $" (Gram of {GramWindow}-item windows)") : string.Empty)
        + (Weights.Count > 0 ? $"; {SdkConfiguration.Format(Weights)}" : string.Empty);

    /// <summary>The row's recommender, with B fitted at EASE's λ on the row's training set.</summary>
    public SdkRecommender CreateRecommender(double lambda)
    {
        var configuration = Weights.Count > 0
            ? SdkConfiguration.With(Weights, new Dictionary<string, float>(StringComparer.Ordinal), name: RowName)
            : SdkConfiguration.Default with { Name = RowName };
        return new SdkRecommender(configuration, new ExperimentalSignal(train => new EaseItemSignal(EaseSignalModel.For(train, Lambda ?? lambda, GramWindow), FullHistory), Weight, ColdStartWeight));
    }

    private static float ParseWeight(string text, string entry) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value) && value >= 0
            ? value
            : throw new FormatException($"'{text}' in '{entry}' is not a weight >= 0.");
}

/// <summary>A custom signal registered on one SDK row through <c>AddSignal(provider, weight, coldStartWeight)</c>.</summary>
/// <param name="Create">Builds the provider for the row's training set.</param>
/// <param name="Weight">Its personalized weight.</param>
/// <param name="ColdStartWeight">Its cold-start weight.</param>
internal sealed record ExperimentalSignal(Func<TrainingSet, EaseItemSignal> Create, float Weight, float ColdStartWeight);

/// <summary>EASE's B for one training set, fitted once and shared by every row of a run that asks for it.</summary>
internal sealed class EaseSignalModel
{
    private static readonly ConditionalWeakTable<TrainingSet, Dictionary<(double Lambda, int Window), EaseSignalModel>> Cache = [];
    private static readonly Lock Gate = new();

    private EaseSignalModel(TrainingSet train, ItemToItemWeights weights, double lambda, double fitSeconds)
    {
        Train = train;
        Weights = weights;
        Lambda = lambda;
        FitSeconds = fitSeconds;
    }

    /// <summary>The training set B was fitted on.</summary>
    public TrainingSet Train { get; }

    /// <summary>B (rows: from-item, columns: to-item, model indices).</summary>
    public ItemToItemWeights Weights { get; }

    /// <summary>EASE's λ.</summary>
    public double Lambda { get; }

    /// <summary>Wall time of the fit (XᵀX, the inverse and B), in seconds.</summary>
    public double FitSeconds { get; }

    /// <summary>B for <paramref name="train"/> at <paramref name="lambda"/>, fitted on first use (with the EASE baseline's own code).</summary>
    public static EaseSignalModel For(TrainingSet train, double lambda, int window = 0)
    {
        lock (Gate)
        {
            var byLambda = Cache.GetValue(train, static _ => []);
            if (byLambda.TryGetValue((lambda, window), out var cached))
            {
                return cached;
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var ease = new EaseRecommender(lambda, gram: window > 0 ? WindowedGram(train, FrequentItems.Top(train, EaseRecommender.DefaultMaxItems), window) : null);
            ease.Fit(train);
            var model = new EaseSignalModel(train, ease.Weights, lambda, watch.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            byLambda[(lambda, window)] = model;
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"ease-signal: fitted B on {train.Events.Count:N0} training events{(window > 0 ? $" (Gram of {window}-item windows)" : string.Empty)}: {model.Weights.Items.Count:N0} items, λ {lambda}, {model.FitSeconds:F2} s, B {model.Weights.Bytes / 1048576.0:F1} MB, {allocated / 1048576.0:F0} MB allocated by the fit"));
            return model;
        }
    }

    /// <summary>
    /// A Gram matrix the SDK could count from its event stream without keeping whole histories: in
    /// time order, each event's item j adds 1 to G[j][j] and to G[r][j] and G[j][r] for each of the
    /// user's previous <paramref name="window"/> distinct items r; an item already among them counts nothing.
    /// </summary>
    private static ItemGram WindowedGram(TrainingSet train, FrequentItems items, int window)
    {
        var n = items.Count;
        var values = new double[n * n];
        var recent = new List<int>?[train.UserKeys.Count];
        foreach (var e in train.Events)
        {
            var j = items.ModelIndexOf(e.Item);
            if (j < 0)
            {
                continue;
            }

            var ring = recent[e.User] ??= [];
            if (ring.Contains(j))
            {
                continue;
            }

            values[(j * n) + j] += 1;
            foreach (var r in ring)
            {
                values[(r * n) + j] += 1;
                values[(j * n) + r] += 1;
            }

            ring.Add(j);
            if (ring.Count > window)
            {
                ring.RemoveAt(0);
            }
        }

        return ItemGram.FromValues(items, values);
    }
}

/// <summary>
/// The experimental signal: a candidate's score is Σ over the user's recent items i of B[i][candidate]
/// (the public <see cref="ProfileView.RecentItems"/>, up to 16, each once), divided by the largest
/// positive score among the decision's candidates; negative scores become 0. With
/// <see cref="EaseSignalVariant.FullHistory"/> it sums over the user's whole training history instead
/// (the EASE baseline's input), read through <see cref="CurrentUser"/>, which the harness sets before
/// each decision.
/// </summary>
internal sealed class EaseItemSignal : ISignalProvider
{
    /// <summary>The signal's name.</summary>
    public const string SignalName = "ease-experimental";

    private const int Unknown = -2;

    [ThreadStatic]
    private static float[]? t_sum;

    private readonly EaseSignalModel _model;
    private readonly bool _fullHistory;
    private readonly Lock _gate = new();
    private int[] _modelIndexBySdkIndex = [];
    private long _calls;
    private long _scored;
    private long _ticks;

    /// <summary>Creates the signal over a fitted B.</summary>
    public EaseItemSignal(EaseSignalModel model, bool fullHistory)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _fullHistory = fullHistory;
    }

    /// <inheritdoc />
    public string Name => SignalName;

    /// <summary>The training index of the user being ranked (side channel; read only with full history).</summary>
    public int CurrentUser { get; set; } = -1;

    /// <summary>A line on what the signal cost so far.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{_calls:N0} decisions computed ({_scored:N0} with a covered history item), mean {(_calls == 0 ? 0 : _ticks * 1e6 / Stopwatch.Frequency / _calls):F1} µs per Compute; B {_model.Weights.Items.Count:N0} items, fit {_model.FitSeconds:F2} s, {_model.Weights.Bytes / 1048576.0:F1} MB");

    /// <inheritdoc />
    public void Compute(in DecisionContext context, ReadOnlySpan<int> candidates, Span<float> column)
    {
        var start = Stopwatch.GetTimestamp();
        var weights = _model.Weights;
        var n = weights.Items.Count;
        var sum = t_sum is { } buffer && buffer.Length == n ? buffer : (t_sum = new float[n]);
        Array.Clear(sum);
        var used = 0;
        if (_fullHistory)
        {
            if (CurrentUser >= 0)
            {
                foreach (var item in _model.Train.UserItems[CurrentUser])
                {
                    var m = weights.Items.ModelIndexOf(item);
                    if (m >= 0)
                    {
                        TensorPrimitives.Add(sum, weights.Row(m), sum);
                        used++;
                    }
                }
            }
        }
        else
        {
            foreach (var index in context.Profile.RecentItems)
            {
                var m = ModelIndex(context, index);
                if (m >= 0)
                {
                    TensorPrimitives.Add(sum, weights.Row(m), sum);
                    used++;
                }
            }
        }

        if (used > 0)
        {
            var max = 0f;
            for (var c = 0; c < candidates.Length; c++)
            {
                var m = ModelIndex(context, candidates[c]);
                var value = m >= 0 ? sum[m] : 0f;
                column[c] = value;
                max = Math.Max(max, value);
            }

            if (max > 0)
            {
                var scale = 1f / max;
                for (var c = 0; c < column.Length; c++)
                {
                    column[c] = column[c] > 0 ? column[c] * scale : 0f;
                }
            }
            else
            {
                column.Clear();
            }

            Interlocked.Increment(ref _scored);
        }

        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
    }

    /// <summary>B's model index of an SDK item index, or -1; cached by SDK index after the first look-up by key.</summary>
    private int ModelIndex(in DecisionContext context, int sdkIndex)
    {
        if (sdkIndex < 0)
        {
            return -1;
        }

        var map = _modelIndexBySdkIndex;
        if (sdkIndex < map.Length && map[sdkIndex] != Unknown)
        {
            return map[sdkIndex];
        }

        int model;
        try
        {
            model = _model.Train.TryGetItem(context.GetItem(sdkIndex).Key, out var item) ? _model.Weights.Items.ModelIndexOf(item) : -1;
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1;
        }

        lock (_gate)
        {
            if (sdkIndex >= _modelIndexBySdkIndex.Length)
            {
                var grown = new int[Math.Max(sdkIndex + 1, _modelIndexBySdkIndex.Length * 2)];
                Array.Fill(grown, Unknown);
                _modelIndexBySdkIndex.CopyTo(grown, 0);
                _modelIndexBySdkIndex = grown;
            }

            _modelIndexBySdkIndex[sdkIndex] = model;
        }

        return model;
    }
}
