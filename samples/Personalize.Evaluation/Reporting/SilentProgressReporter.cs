namespace Personalize.Evaluation.Reporting;

/// <summary>Reports nothing (tests, <c>--quiet</c>).</summary>
internal sealed class SilentProgressReporter : IProgressReporter, IProgressStage
{
    /// <summary>The one instance.</summary>
    public static SilentProgressReporter Instance { get; } = new();

    /// <inheritdoc />
    public IProgressStage Stage(string label) => this;

    /// <inheritdoc />
    public void Note(string message)
    {
    }

    /// <inheritdoc />
    public void Report(double value)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
