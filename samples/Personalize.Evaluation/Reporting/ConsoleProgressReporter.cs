using System.Globalization;

namespace Personalize.Evaluation.Reporting;

/// <summary>
/// Reports to stderr. When stderr is a terminal, a long step shows a one-line progress bar redrawn
/// with a carriage return (no escape codes), and notes are printed above it. When stderr is
/// redirected, only the notes are written, as plain lines.
/// </summary>
internal sealed class ConsoleProgressReporter : IProgressReporter
{
    private const int BarWidth = 24;
    private const int LabelWidth = 48;
    private static readonly TimeSpan FirstDraw = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _error;
    private readonly bool _interactive;
    private readonly TimeProvider _timeProvider;
    private readonly long _runStarted;
    private readonly Lock _gate = new();
    private int _drawnLength;

    /// <summary>Creates a reporter writing to <paramref name="error"/>.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="interactive">Whether <paramref name="error"/> is a terminal, so a bar may be drawn.</param>
    /// <param name="timeProvider">The clock behind the elapsed times and the redraw pace.</param>
    public ConsoleProgressReporter(TextWriter error, bool interactive, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _error = error;
        _interactive = interactive;
        _timeProvider = timeProvider;
        _runStarted = timeProvider.GetTimestamp();
    }

    /// <summary>For the console: a bar only when stderr is not redirected.</summary>
    public static ConsoleProgressReporter ForConsole() => new(Console.Error, !Console.IsErrorRedirected, TimeProvider.System);

    /// <inheritdoc />
    public IProgressStage Stage(string label) => new BarStage(this, label);

    /// <inheritdoc />
    /// <remarks>Thread-safe: tuning evaluates trials in parallel.</remarks>
    public void Note(string message)
    {
        lock (_gate)
        {
            Clear();
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_timeProvider.GetElapsedTime(_runStarted).TotalSeconds,6:F1}s] {message}"));
            _error.Flush();
        }
    }

    private void Draw(string line)
    {
        lock (_gate)
        {
            var padding = Math.Max(0, _drawnLength - line.Length);
            _error.Write('\r' + line + new string(' ', padding));
            _error.Flush();
            _drawnLength = line.Length;
        }
    }

    private void Clear()
    {
        lock (_gate)
        {
            if (_drawnLength > 0)
            {
                _error.Write('\r' + new string(' ', _drawnLength) + '\r');
                _drawnLength = 0;
            }
        }
    }

    private sealed class BarStage(ConsoleProgressReporter owner, string label) : IProgressStage
    {
        private readonly long _started = owner._timeProvider.GetTimestamp();
        private TimeSpan? _lastDraw;

        public void Report(double value)
        {
            var elapsed = owner._timeProvider.GetElapsedTime(_started);
            if (!owner._interactive || elapsed < FirstDraw || elapsed - _lastDraw < Redraw)
            {
                return;
            }

            _lastDraw = elapsed;
            var share = Math.Clamp(value, 0, 1);
            var filled = (int)Math.Round(share * BarWidth);
            var name = label.Length > LabelWidth ? label[..(LabelWidth - 1)] + "~" : label.PadRight(LabelWidth);
            owner.Draw(string.Create(CultureInfo.InvariantCulture, $"{name} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {share * 100,3:F0}% {elapsed.TotalSeconds,5:F1}s"));
        }

        public void Dispose()
        {
            if (owner._interactive)
            {
                owner.Clear();
            }
        }
    }
}
