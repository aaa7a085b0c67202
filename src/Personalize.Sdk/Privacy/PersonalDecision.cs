namespace Personalize.Sdk.Reporting;

/// <summary>
/// A decision made for the person that a learning placement holds, under their key, while it
/// waits for rewards (<see cref="LearningOptions.RewardWaitTime"/>). Besides what is listed
/// here it holds the candidates it ranked, with the signal values computed for them from the
/// person's profile, and the rewards credited so far.
/// </summary>
public sealed class PersonalDecision
{
    /// <summary>The decision's id, as <see cref="Decision.Id"/> returned it.</summary>
    public Guid Id { get; init; }

    /// <summary>The placement that made it.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public string Placement { get; init => field = value ?? throw new ArgumentNullException(nameof(Placement)); } = string.Empty;

    /// <summary>When it was made.</summary>
    public DateTimeOffset MadeAt { get; init; }

    /// <summary>The keys of the items it showed, in order, as the catalog the decision was made on named them.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<string?> Shown { get; init => field = value ?? throw new ArgumentNullException(nameof(Shown)); } = [];
}
