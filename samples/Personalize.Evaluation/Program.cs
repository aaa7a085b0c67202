using System.Diagnostics;
using Personalize.Evaluation.BaselineTuning;
using Personalize.Evaluation.Cli;
using Personalize.Evaluation.Data;
using Personalize.Evaluation.Learning;
using Personalize.Evaluation.Protocol;
using Personalize.Evaluation.Recommenders;
using Personalize.Evaluation.Reporting;
using Personalize.Sdk;

namespace Personalize.Evaluation;

/// <summary>The console entry point.</summary>
internal static class Program
{
    /// <summary>Runs the harness; returns 0 on success, 1 on a failed run, 2 on a bad command line.</summary>
    public static int Main(string[] args)
    {
        CommandLine command;
        try
        {
            // The experiment's switch is read here, once: a run built in code (the tests) adds its rows only when asked.
            command = CommandLine.Parse(args, EaseSignalVariant.FromEnvironment());
            if (!command.Help && command.JsonPath is { } jsonPath)
            {
                EnsureWritable(jsonPath);
            }
        }
        catch (FormatException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(CommandLine.Usage);
            return 2;
        }

        if (command.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        try
        {
            IProgressReporter reporter = command.Quiet ? SilentProgressReporter.Instance : ConsoleProgressReporter.ForConsole();
            if (command.LearnWeights || command.LearnWeightsTest is not null)
            {
                Console.Out.Write(RunLearning(command, reporter));
                return 0;
            }

            var report = Run(command, $"dotnet run -c Release --project samples/Personalize.Evaluation -- {string.Join(' ', args.Select(Quote))}".TrimEnd(), reporter);

            // stdout first: a late failure to write the file (a full disk) must not lose both reports.
            Console.Out.Write(command.Json ? JsonReport.Write(report) + "\n" : MarkdownReport.Write(report));
            Console.Out.Flush();
            if (command.JsonPath is { } path)
            {
                File.WriteAllText(path, JsonReport.Write(report) + "\n");
            }

            return 0;
        }
        catch (Exception exception)
        {
            // Whatever stopped the run (a missing file, a log too small for the protocol), one line and 1.
            Console.Error.WriteLine($"error: {exception.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Checks, before anything is scored, that <c>--json-out</c>'s file can be written: it is opened
    /// for writing (created if missing, and then removed again; an existing file is not truncated).
    /// </summary>
    /// <exception cref="FormatException">The file cannot be opened for writing (a missing folder, a folder's path, no permission).</exception>
    public static void EnsureWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var existed = File.Exists(path);
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new FormatException($"--json-out cannot write '{path}': {exception.Message}", exception);
        }
    }

    /// <summary>An argument as a shell would need it: quoted when it holds a space or is empty.</summary>
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return argument.Length == 0 || argument.Any(char.IsWhiteSpace) || argument.Contains('"', StringComparison.Ordinal)
            ? $"\"{argument.Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            : argument;
    }

    /// <summary>Learned weights against the defaults: on validation windows, or once on the test period.</summary>
    public static string RunLearning(CommandLine command, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(command);
        var dataDirectory = DatasetLoader.ResolveDataDirectory(command.DataPath);
        var loaded = command.Datasets.Select(name => DatasetLoader.Load(name, dataDirectory, command.MaxLines)).ToList();
        var settings = new LearningSettings(Seed: command.Run.Seed);
        return command.LearnWeightsTest is { } variant
            ? LearnedWeightsExperiment.RunTest(loaded, LearningVariant.Named(variant), settings, command.Run.Seed, reporter)
            : LearnedWeightsExperiment.RunValidation(loaded, settings, command.Run.Seed, reporter, command.Run.StrictValidation);
    }

    /// <summary>Loads each data set and evaluates it, or tunes the SDK's defaults or the baselines on its validation windows.</summary>
    public static EvaluationReport Run(CommandLine command, string commandText, IProgressReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(reporter);
        var dataDirectory = DatasetLoader.ResolveDataDirectory(command.DataPath);
        var datasets = new List<DatasetReport>();
        var loaded = new List<Dataset>();
        foreach (var name in command.Datasets)
        {
            var clock = Stopwatch.StartNew();
            Dataset dataset;
            using (reporter.Stage($"{name}: load"))
            {
                dataset = DatasetLoader.Load(name, dataDirectory, command.MaxLines);
            }

            if (command.RatingsAsViews && dataset.EventKind == EventKind.Rating)
            {
                dataset = dataset with { EventKind = EventKind.View };
            }

            reporter.Note($"{name}: loaded {dataset.Interactions.Count:N0} interactions and {dataset.Catalog.Count:N0} items from {dataDirectory} in {clock.Elapsed.TotalSeconds:F1}s");
            if (command.Tune || command.TuneBaselines)
            {
                loaded.Add(dataset);
            }
            else
            {
                datasets.Add(EvaluationRunner.Run(dataset, command.Run, reporter, clock));
            }
        }

        var tuning = command.Tune ? WeightTuner.Tune(loaded, command.Run, reporter) : null;
        var baselineTuning = command.TuneBaselines ? BaselineTuner.Tune(loaded, command.Run, reporter) : null;
        return new EvaluationReport(commandText, datasets, tuning, baselineTuning);
    }
}
