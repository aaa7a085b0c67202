namespace Personalize.Sdk.Scoring;

/// <summary>How one signal's computation went in one decision, kept in the scratch for the record stage.</summary>
internal struct SignalRun
{
    /// <summary>Whether the signal was run at all (some variant weighed it).</summary>
    public bool Ran;

    /// <summary>Whether it produced a usable column (it did not throw).</summary>
    public bool Computed;

    public int Candidates;

    public int NonZero;

    public int Invalid;
}
