namespace Personalize.Evaluation.Reporting;

/// <summary>One long step: reports its share done, and ends when disposed.</summary>
internal interface IProgressStage : IProgress<double>, IDisposable;
