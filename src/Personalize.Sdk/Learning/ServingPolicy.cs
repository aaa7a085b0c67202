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
