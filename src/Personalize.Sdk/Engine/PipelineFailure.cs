namespace Personalize.Sdk.Engine;

/// <summary>How the pipeline itself failed a decision, most severe first; each falls back to the default ranking.</summary>
internal enum PipelineFailure
{
    /// <summary>Nothing failed.</summary>
    None,

    /// <summary>No candidate is in the catalog: the unknown keys are returned in the caller's order.</summary>
    NoKnownCandidates,

    /// <summary>A guardrail threw: what the others allowed, in the candidates' order.</summary>
    GuardrailFailed,

    /// <summary>Every weighted signal failed: the candidates' own order.</summary>
    SignalsFailed,
}
