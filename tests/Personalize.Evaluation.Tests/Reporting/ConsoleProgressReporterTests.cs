using Microsoft.Extensions.Time.Testing;
using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Tests.Reporting;

public sealed class ConsoleProgressReporterTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly StringWriter _error = new();

    [Fact]
    public void Without_a_terminal_it_writes_plain_lines_and_no_bar()
    {
        var reporter = new ConsoleProgressReporter(_error, interactive: false, _clock);

        using (var stage = reporter.Stage("work"))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(300));
            stage.Report(0.5);
        }

        reporter.Note("done");

        Assert.Equal($"[   0.3s] done{Environment.NewLine}", _error.ToString());
    }

    [Fact]
    public void On_a_terminal_a_long_step_draws_a_bar_and_clears_it()
    {
        var reporter = new ConsoleProgressReporter(_error, interactive: true, _clock);

        using (var stage = reporter.Stage("work"))
        {
            _clock.Advance(TimeSpan.FromMilliseconds(300));
            stage.Report(0.5);
        }

        var text = _error.ToString();
        Assert.Contains("[############............]  50%   0.3s", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void A_step_shorter_than_a_quarter_second_draws_no_bar()
    {
        var reporter = new ConsoleProgressReporter(_error, interactive: true, _clock);
        using var stage = reporter.Stage("work");

        _clock.Advance(TimeSpan.FromMilliseconds(249));
        stage.Report(0.5);

        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void The_bar_is_redrawn_at_most_every_tenth_of_a_second()
    {
        var reporter = new ConsoleProgressReporter(_error, interactive: true, _clock);
        using var stage = reporter.Stage("work");

        _clock.Advance(TimeSpan.FromMilliseconds(300));
        stage.Report(0.5);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        stage.Report(0.6);
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        stage.Report(0.7);

        var text = _error.ToString();
        Assert.Contains(" 50%", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" 60%", text, StringComparison.Ordinal);
        Assert.Contains(" 70%   0.4s", text, StringComparison.Ordinal);
    }
}
