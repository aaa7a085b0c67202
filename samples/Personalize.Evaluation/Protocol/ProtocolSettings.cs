namespace Personalize.Evaluation.Protocol;

/// <summary>The fixed evaluation protocol's constants (see the README's "Protocol").</summary>
internal static class ProtocolSettings
{
    /// <summary>Items, then users, need at least this many interactions (one pass each).</summary>
    public const int MinInteractions = 5;

    /// <summary>The global time split: test is every interaction after this quantile of all timestamps.</summary>
    public const double SplitQuantile = 0.9;

    /// <summary>The cut-off of nDCG, HR, Recall and coverage.</summary>
    public const int K = 10;

    /// <summary>The longer recall cut-off.</summary>
    public const int LongK = 20;
}
