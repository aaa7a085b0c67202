using System.Globalization;
using Personalize.Sdk.Reporting;
using Personalize.Storefront.Debugging;

namespace Personalize.Storefront.Learning;

/// <summary>
/// The geometry of the learning page's SVG chart: one line per signal, its learned weight at each
/// version, on a shared scale with zero marked. The table beside it says the same in numbers.
/// </summary>
internal sealed class WeightChart
{
    public const int Width = 560;
    public const int Height = 240;
    public const int Left = 52;
    public const int Right = 16;
    public const int Top = 14;
    public const int Bottom = 206;

    public WeightChart(PlacementLearning learning)
    {
        Versions = learning.History;
        Signals = [.. learning.Importance.Concat(Versions.SelectMany(version => version.Weights.Keys)).Distinct(StringComparer.Ordinal)];
        var values = Versions.SelectMany(version => version.Weights.Values).Where(double.IsFinite).Append(0).ToList();
        var (low, high) = (values.Min(), values.Max());
        var span = Math.Max(high - low, 1e-9);
        Step = NiceStep(span / 4);
        Low = Math.Floor(low / Step) * Step;
        High = Math.Max(Low + Step, Math.Ceiling(high / Step) * Step);
    }

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<LearnedWeights> Versions { get; }

    /// <summary>The signals, most important first.</summary>
    public IReadOnlyList<string> Signals { get; }

    public double Low { get; }

    public double High { get; }

    public double Step { get; }

    public IEnumerable<double> Ticks => Enumerable.Range(0, (int)Math.Round((High - Low) / Step) + 1).Select(i => Low + (i * Step));

    public static string Color(string signal) => SignalColors.For(signal);

    public double X(int index) => Versions.Count <= 1
        ? (Left + Width - Right) / 2.0
        : Left + ((Width - Left - Right) * index / (double)(Versions.Count - 1));

    public double Y(double weight) => Bottom - ((Bottom - Top) * (Math.Clamp(weight, Low, High) - Low) / (High - Low));

    /// <summary>The polyline points of one signal's weights, version by version.</summary>
    public string Points(string signal) => string.Join(' ', Versions.Select((version, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(version.Weights.GetValueOrDefault(signal)):0.#}")));

    /// <summary>The text alternative: how each signal's weight moved from the first version to the last.</summary>
    public string Description()
    {
        if (Versions.Count == 0)
        {
            return "No weights learned yet.";
        }

        var first = Versions[0];
        var last = Versions[^1];
        var moves = Signals.Select(signal => string.Create(CultureInfo.InvariantCulture,
            $"{signal} {first.Weights.GetValueOrDefault(signal):0.000} to {last.Weights.GetValueOrDefault(signal):0.000}"));
        return $"Learned weight of each signal from version {first.Version} to {last.Version}: {string.Join("; ", moves)}.";
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
