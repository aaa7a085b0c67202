namespace Personalize.Sdk.Profiles;

/// <summary>
/// A decision's reused copy of a profile: every table reserved, plus the categories the
/// sensitive-categories policy hides from this decision (the user has not consented to them), so
/// that an explanation does not name them.
/// </summary>
internal sealed class DecisionProfile() : ProfileData(reserve: true)
{
    /// <summary>The hidden categories, by id, for this decision; empty when none are.</summary>
    public ReadOnlyMemory<bool> HiddenCategories { get; set; }

    /// <summary>Whether the policy hides <paramref name="category"/> (an id) from this decision.</summary>
    public bool IsHidden(int category) => (uint)category < (uint)HiddenCategories.Length && HiddenCategories.Span[category];
}
