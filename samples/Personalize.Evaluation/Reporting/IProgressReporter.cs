namespace Personalize.Evaluation.Reporting;

/// <summary>Where a run reports what it is doing.</summary>
internal interface IProgressReporter
{
    /// <summary>Starts a long step.</summary>
    IProgressStage Stage(string label);

    /// <summary>Reports a finished fact, one line.</summary>
    void Note(string message);
}
