using Personalize.Evaluation.Reporting;

namespace Personalize.Evaluation.Tests.Reporting;

public sealed class ConsoleProgressReporterTests
{
    [Fact]
    public void Without_a_terminal_it_writes_plain_lines_and_no_bar()
    {
        var error = new StringWriter();
        var reporter = new ConsoleProgressReporter(error, interactive: false);

        using (var stage = reporter.Stage("work"))
        {
            Thread.Sleep(300);
            stage.Report(0.5);
        }

        reporter.Note("done");

        var text = error.ToString();
        Assert.EndsWith("] done\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_a_long_step_draws_a_bar_and_clears_it()
    {
        var error = new StringWriter();
        var reporter = new ConsoleProgressReporter(error, interactive: true);

        using (var stage = reporter.Stage("work"))
        {
            Thread.Sleep(300);
            stage.Report(0.5);
        }

        var text = error.ToString();
        Assert.Contains("[############............]  50%", text, StringComparison.Ordinal);
        Assert.EndsWith("\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }
}
