namespace Personalize.Sdk;

/// <summary>Which experience served a decision.</summary>
public enum DecisionVariant
{
    /// <summary>Ranked for this user with the personalized weights.</summary>
    Personalized = 0,

    /// <summary>The user has no usable history yet: ranked with the cold-start weights (popularity first).</summary>
    ColdStart = 1,

    /// <summary>The user is in a holdout's control group: the business default experience.</summary>
    Control = 2,

    /// <summary>Something could not be used (no catalog, every signal failed): the default ranking.</summary>
    Fallback = 3,
}
