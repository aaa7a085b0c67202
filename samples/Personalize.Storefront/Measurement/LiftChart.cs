using Personalize.Sdk.Reporting;

namespace Personalize.Storefront.Measurement;

/// <summary>The geometry of the lift page's SVG chart: one bar per arm, on a shared percentage scale.</summary>
internal sealed class LiftChart
{
    public const int Width = 520;
    public const int Height = 280;
    public const int Left = 56;
    public const int Top = 16;
    public const int Bottom = 240;

    public LiftChart(LiftReport report)
    {
        Bars = [.. new[] { report.Treatment, report.Control }.Select(arm =>
            new LiftBar(arm, ConversionInterval.Wilson(arm.ConvertedUnits, arm.ExposedUnits)))];

        // A round top a little above the highest whisker, with a gridline every 5 or 10 points.
        var highest = Bars.Max(bar => bar.Interval?.Upper ?? 0);
        Step = highest * 1.1 <= 0.25 ? 0.05 : 0.1;
        Scale = Math.Max(Step, Math.Ceiling(highest * 1.1 / Step) * Step);
    }

    public IReadOnlyList<LiftBar> Bars { get; }

    /// <summary>The rate at the top of the chart.</summary>
    public double Scale { get; }

    /// <summary>The distance between gridlines.</summary>
    public double Step { get; }

    /// <summary>The gridlines, from 0 to the top.</summary>
    public IEnumerable<double> Ticks => Enumerable.Range(0, (int)Math.Round(Scale / Step) + 1).Select(i => i * Step);

    public double Y(double rate) => Bottom - ((Bottom - Top) * Math.Clamp(rate, 0, Scale) / Scale);

    public double X(int bar) => Left + 70 + (bar * 200);
}
