using System.Globalization;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;

namespace Personalize.Evaluation.Cli;

/// <summary>The parsed command line.</summary>
/// <param name="Datasets">The data sets to run, in order.</param>
/// <param name="DataPath">The <c>--data</c> folder, or null for the default.</param>
/// <param name="Json">Whether to write JSON instead of markdown.</param>
/// <param name="Tune">Whether to tune the SDK's defaults on the validation split instead of evaluating.</param>
/// <param name="TuneBaselines">Whether to tune the baselines' hyperparameters on the validation split instead of evaluating.</param>
/// <param name="Quiet">Whether to report no progress.</param>
/// <param name="MaxLines">Reads only this many lines of a line-based log (smoke runs).</param>
/// <param name="RatingsAsViews">Replays MovieTweetings ratings as View events instead of Rating events.</param>
/// <param name="Run">What the run includes.</param>
/// <param name="Help">Whether help was asked for.</param>
/// <param name="JsonPath">Also writes the JSON report to this file, so one run gives both forms (one read of the test period).</param>
internal sealed record CommandLine(
    IReadOnlyList<string> Datasets,
    string? DataPath,
    bool Json,
    bool Tune,
    bool TuneBaselines,
    bool Quiet,
    int? MaxLines,
    bool RatingsAsViews,
    RunOptions Run,
    bool Help,
    string? JsonPath = null)
{
    /// <summary>Whether to learn weights and score them against the defaults on validation windows 1–3.</summary>
    public bool LearnWeights { get; init; }

    /// <summary>The learning variant to score once on the test period, or null.</summary>
    public string? LearnWeightsTest { get; init; }

    /// <summary>The usage text.</summary>
    public static string Usage { get; } = $"""
        Usage: dotnet run -c Release --project samples/Personalize.Evaluation -- [options]

        Replays a real interaction log through the SDK's public API in time order and compares its
        rankings with Random, MostPopular, time-decayed popularity, item-kNN, EASE and RP3beta under
        one fixed protocol. Markdown on stdout.

        Options:
          --dataset NAME     {string.Join(", ", DatasetLoader.Names)} or all (default: {DatasetLoader.Names[0]})
          --data PATH        the shared data folder (default: {DatasetLoader.DefaultRelativeDataPath} from the
                             repository root, the folder holding {DatasetLoader.SolutionFileName};
                             ${DatasetLoader.DataEnvironmentVariable} overrides the default)
          --json             write the report as JSON instead of markdown (with per-user rows)
          --json-out PATH    also write the JSON report to PATH, beside the markdown on stdout
                             (PATH is checked before the run: one that cannot be written is a bad command line)
          --tune             search the SDK's defaults (weights, cold-start weights, confidence gate,
                             half-lives) on a validation split of each data set's training period
                             (never the test period) for the smallest change that beats both
                             baselines on every data set; prints what it chose, changes nothing.
                             With --sdk-* options: no search, scores that configuration beside
                             the defaults on the same validation windows
          --tune-target T    with --tune: popular-or-knn (default: each window's nDCG@10 over the better
                             of most-popular's and item-kNN's, coverage above most-popular's) or
                             best-baseline (issue 17's target: each data set's mean nDCG@10 over its
                             best tuned baseline's mean, coverage at least 5x most-popular's; adds
                             similar-items' weight to the knobs)
          --tune-baselines   choose each baseline's hyperparameters per data set (decayed-popularity
                             half-life, item-knn k, ease λ, rp3beta α, β and top-k) on the same
                             validation windows (never the test period); prints the grids, the
                             scores and the choice, and whether the code's recorded values match it
          --seed N           seeds the first Random row and the tie-break order of candidates
                             (default: 42)
          --random-seeds N   how many Random rows, seeded --seed, --seed + 1, ... (default: {RunOptions.DefaultRandomSeeds})
          --neighbours N     item-kNN neighbours per item (default: each data set's tuned k)
          --buckets N        prequential equal-count time buckets (default: {PrequentialEvaluator.DefaultBuckets})
          --max-lines N      read only the first N lines of movietweetings ratings.dat (smoke runs)
          --validation K     evaluate on validation window K of the training period instead of the
                             test split (1: its last 10%; 2: the 10% before that; ...); not with
                             --tune, --tune-baselines or the learning runs, which score windows of their own
          --strict-validation
                             with --validation, --tune, --tune-baselines or --learn-weights: cut the validation windows
                             from the training period filtered alone (the 5-interaction filters count
                             no test-period row), not from the protocol's training rows
          --ratings-as-views replay movietweetings ratings as View events instead of Rating events
          --no-ablation      skip the SDK rows with one signal alone and with every option at its default
          --no-prequential   skip the prequential walk
          --quiet            no progress on stderr
          --help             this text

        One extra SDK row (and its live prequential walk), to check what --tune chose, once, on the
        test split; any of these adds it, the rest keep the SDK's defaults. Values the SDK's own
        options validation refuses are a bad command line. Not with --tune-baselines alone or the
        learning runs, which score no such row:
          --sdk-weights W    personalized weights, e.g. popularity=3,category-affinity=1
          --sdk-cold-start-weights W
                             cold-start weights, same form
          --sdk-popularity-half-life D, --sdk-affinity-half-life D, --sdk-trend-half-life D
                             half-lives in days
          --sdk-max-per-category N
                             the per-category cap (0: off)
          --sdk-min-confidence X
                             the confidence gate, in [0, 1]
          --sdk-label NAME   the row's name (default: the changes, in words)
          --learn-weights    learn the signal weights from each training period's events and score them
                             against the defaults on validation windows 1-3 (never reads the test period);
                             not with --validation, --tune, --tune-baselines, --ratings-as-views or --sdk-*
          --learn-weights-test VARIANT
                             learn with VARIANT from the whole training period and score it on the TEST
                             period beside the defaults (one read: record it in QUALITY.md); not with
                             the options --learn-weights refuses
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="easeSignals">
    /// The experimental EASE-signal rows to add (<see cref="RunOptions.EaseSignals"/>); none when null.
    /// The console passes those of <see cref="EaseSignalVariant.EnvironmentVariable"/>.
    /// </param>
    /// <exception cref="FormatException">
    /// An option is unknown, lacks its value or has a bad value (including an extra SDK row the SDK's
    /// own options validation refuses), or options are combined that the run would ignore.
    /// </exception>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyList<EaseSignalVariant>? easeSignals = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var datasets = new List<string> { DatasetLoader.Names[0] };
        string? data = null, jsonPath = null;
        bool json = false, tune = false, tuneBaselines = false, quiet = false, help = false, ratingsAsViews = false, tuneTarget = false;
        int? maxLines = null;
        Dictionary<string, float>? sdkWeights = null, sdkColdStart = null;
        double? popularityHalfLife = null, affinityHalfLife = null, minConfidence = null, trendHalfLife = null;
        int? maxPerCategory = null;
        string? sdkLabel = null;
        string? learnTest = null;
        var learn = false;
        var sdkOptions = new List<string>();
        var run = easeSignals is null ? new RunOptions() : new RunOptions { EaseSignals = easeSignals };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            int Number(int min)
            {
                var name = args[i];
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new FormatException($"{name} needs a whole number >= {min}, not '{text}'.");
            }

            double Real(double min, double max, bool open)
            {
                var name = args[i];
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && (open ? x > min : x >= min) && x <= max
                    ? x
                    : throw new FormatException($"{name} needs a number {(open ? ">" : ">=")} {min} and <= {max}, not '{text}'.");
            }

            Dictionary<string, float> Weights()
            {
                var name = args[i];
                var text = Value();
                try
                {
                    return SdkConfiguration.ParseWeights(text);
                }
                catch (FormatException exception)
                {
                    throw new FormatException($"{name}: {exception.Message}", exception);
                }
            }

            if (args[i].StartsWith("--sdk-", StringComparison.Ordinal) && !sdkOptions.Contains(args[i]))
            {
                sdkOptions.Add(args[i]);
            }

            switch (args[i])
            {
                case "--dataset":
                    var name = Value();
                    datasets = name == "all" ? [.. DatasetLoader.Names]
                        : DatasetLoader.Names.Contains(name) ? [name]
                        : throw new FormatException($"Unknown data set '{name}' (known: {string.Join(", ", DatasetLoader.Names)}, all).");
                    break;
                case "--data":
                    data = Value();
                    break;
                case "--json":
                    json = true;
                    break;
                case "--json-out":
                    jsonPath = Value();
                    break;
                case "--tune":
                    tune = true;
                    break;
                case "--tune-baselines":
                    tuneBaselines = true;
                    break;
                case "--random-seeds":
                    run = run with { RandomSeeds = Number(1) };
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                case "--seed":
                    run = run with { Seed = Number(0) };
                    break;
                case "--neighbours":
                    run = run with { Neighbours = Number(1) };
                    break;
                case "--buckets":
                    run = run with { Buckets = Number(1) };
                    break;
                case "--max-lines":
                    maxLines = Number(1);
                    break;
                case "--validation":
                    run = run with { Validation = Number(1) };
                    break;
                case "--strict-validation":
                    run = run with { StrictValidation = true };
                    break;
                case "--tune-target":
                    run = run with
                    {
                        TuneTarget = Value() switch
                        {
                            "best-baseline" => TuningTarget.BestBaseline,
                            "popular-or-knn" => TuningTarget.BetterOfPopularAndKnn,
                            var other => throw new FormatException($"--tune-target takes best-baseline or popular-or-knn, not '{other}'."),
                        },
                    };
                    tuneTarget = true;
                    break;
                case "--ratings-as-views":
                    ratingsAsViews = true;
                    break;
                case "--sdk-weights":
                    sdkWeights = Weights();
                    break;
                case "--sdk-cold-start-weights":
                    sdkColdStart = Weights();
                    break;
                case "--sdk-popularity-half-life":
                    popularityHalfLife = Real(0, 3650, open: true);
                    break;
                case "--sdk-affinity-half-life":
                    affinityHalfLife = Real(0, 3650, open: true);
                    break;
                case "--sdk-trend-half-life":
                    trendHalfLife = Real(0, 3650, open: true);
                    break;
                case "--sdk-max-per-category":
                    maxPerCategory = Number(0);
                    break;
                case "--sdk-min-confidence":
                    minConfidence = Real(0, 1, open: false);
                    break;
                case "--sdk-label":
                    sdkLabel = Value();
                    break;
                case "--learn-weights":
                    learn = true;
                    break;
                case "--learn-weights-test":
                    learnTest = Value();
                    break;
                case "--no-ablation":
                    run = run with { Ablation = false };
                    break;
                case "--no-prequential":
                    run = run with { Prequential = false };
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new FormatException($"Unknown option '{args[i]}'.");
            }
        }

        // Options a run would silently ignore are refused: a learning run has its own windows (or
        // reads the test period), its own weights and Rating events; the tuners their own windows.
        if (learn || learnTest is not null)
        {
            var flag = learn ? "--learn-weights" : "--learn-weights-test";
            var ignored = new List<string>();
            if (run.Validation > 0)
            {
                ignored.Add("--validation");
            }

            if (tune)
            {
                ignored.Add("--tune");
            }

            if (tuneBaselines)
            {
                ignored.Add("--tune-baselines");
            }

            if (ratingsAsViews)
            {
                ignored.Add("--ratings-as-views");
            }

            ignored.AddRange(sdkOptions);
            if (ignored.Count > 0)
            {
                throw new FormatException(
                    $"{flag} does not take {string.Join(", ", ignored)}: " +
                    (learn
                        ? "it learns and scores on validation windows 1-3 of its own, with the SDK's defaults beside the learned weights."
                        : "it learns from the whole training period and scores on the test period, beside the SDK's defaults."));
            }
        }

        if ((tune || tuneBaselines) && run.Validation > 0)
        {
            throw new FormatException("--tune and --tune-baselines score validation windows 1-3 of their own: drop --validation K (or drop them to evaluate on window K).");
        }

        if (tuneBaselines && !tune && sdkOptions.Count > 0)
        {
            throw new FormatException($"--tune-baselines scores no SDK row, so {string.Join(", ", sdkOptions)} would be ignored: check an SDK configuration with --tune or --validation K.");
        }

        if (tune && (trendHalfLife is not null || maxPerCategory is not null))
        {
            throw new FormatException("--tune does not search or check --sdk-trend-half-life or --sdk-max-per-category: score them on a validation window with --validation K.");
        }

        if (sdkWeights is not null || sdkColdStart is not null || popularityHalfLife is not null || affinityHalfLife is not null || minConfidence is not null || trendHalfLife is not null || maxPerCategory is not null)
        {
            run = run with
            {
                ExtraSdk = SdkConfiguration.With(
                    sdkWeights ?? [],
                    sdkColdStart ?? [],
                    popularityHalfLife is { } p ? TimeSpan.FromDays(p) : null,
                    affinityHalfLife is { } a ? TimeSpan.FromDays(a) : null,
                    minConfidence,
                    sdkLabel,
                    trendHalfLife is { } t ? TimeSpan.FromDays(t) : null,
                    maxPerCategory),
            };

            // The SDK's own options validation, before anything is scored: a value it refuses would
            // otherwise fail the run after every other row.
            if (run.ExtraSdk.Problems() is { Count: > 0 } problems)
            {
                throw new FormatException($"The SDK refuses the --sdk-* settings: {string.Join(" ", problems)}");
            }
        }
        else if (sdkLabel is not null)
        {
            throw new FormatException("--sdk-label names the extra SDK row: give at least one other --sdk-* option.");
        }

        if (sdkLabel is not null && RandomRecommender.TryParseSeed(sdkLabel, out _))
        {
            // The Random spread takes its rows by that name: the SDK row would count as a seed.
            throw new FormatException($"--sdk-label '{sdkLabel}' is a Random row's name: give the SDK row another name.");
        }

        if (tuneTarget && !tune)
        {
            throw new FormatException("--tune-target goes with --tune.");
        }

        if (learn && learnTest is not null)
        {
            throw new FormatException("--learn-weights (validation) and --learn-weights-test (the test period) are separate runs.");
        }

        if (run.StrictValidation && (learnTest is not null || (run.Validation == 0 && !tune && !tuneBaselines && !learn)))
        {
            throw new FormatException("--strict-validation goes with --validation K, --tune, --tune-baselines or --learn-weights.");
        }

        if ((learn || learnTest is not null) && (json || jsonPath is not null))
        {
            throw new FormatException("--learn-weights and --learn-weights-test write markdown only: drop --json and --json-out.");
        }

        // Rows are keyed by name in the JSON: a clash found after scoring would waste the run (and a test read).
        if (EvaluationRunner.RowNames(run).GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(names => names.Count() > 1) is { } clash)
        {
            throw new FormatException($"Two rows would be named '{clash.Key}': give --sdk-label a name no other row has.");
        }

        return new CommandLine(datasets, data, json, tune, tuneBaselines, quiet, maxLines, ratingsAsViews, run, help, jsonPath)
        {
            LearnWeights = learn,
            LearnWeightsTest = learnTest is null ? null : Learning.LearningVariant.Named(learnTest).Name,
        };
    }
}
