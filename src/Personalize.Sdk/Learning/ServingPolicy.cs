namespace Personalize.Sdk.Learning;

/// <summary>Which policy served a logged decision.</summary>
internal enum ServingPolicy : byte
{
    /// <summary>The configured weights.</summary>
    Default = 0,

    /// <summary>The learned weights.</summary>
    Learned = 1,

    /// <summary>A holdout's control arm: tallied for comparison, never learned from.</summary>
    Control = 2,

    /// <summary>
    /// A decision that is not learning traffic (low intent, the kill switch, a paused placement, a
    /// fallback): held only as the last touch of what it showed, so an outcome that follows it is
    /// spent there and rewards no earlier decision; never settled, tallied, learned from, logged or
    /// counted as dropped.
    /// </summary>
    LastTouchOnly = 3,
}

internal static class ServingPolicyNames
{
    public const string Default = "default";
    public const string Learned = "learned";
    public const string Control = "control";
    public const string Random = "random";
    public const string Candidate = "candidate";

    public static string Of(ServingPolicy policy) => policy switch
    {
        ServingPolicy.Learned => Learned,
        ServingPolicy.Control => Control,
        _ => Default,
    };
}
