namespace Personalize.Sdk.Extensibility;

/// <summary>The names of the built-in guardrails and policies, as used in options, explanations and the rule registry.</summary>
public static class BuiltInGuardrails
{
    /// <summary>Only items that can be shown (<see cref="CatalogItem.IsAvailable"/>).</summary>
    public const string Availability = "availability";

    /// <summary>
    /// Not what the user bought within <see cref="GuardrailOptions.RecentPurchaseWindow"/> (replenishable
    /// categories return after their interval), of the last 256 purchases a profile keeps: past them
    /// the oldest goes, counted in <c>personalize.profiles.purchases_dropped</c>.
    /// </summary>
    public const string RecentlyPurchased = "recently-purchased";

    /// <summary>No promotional item for <see cref="GuardrailOptions.ComplaintSuppression"/> after a complaint.</summary>
    public const string ComplaintSuppression = "complaint-suppression";

    /// <summary>Not what the user dismissed (<see cref="PersonalizationEvent.Dismiss"/>, an app's "not interested" button).</summary>
    public const string Dismissed = "dismissed";

    /// <summary>
    /// Not items of a category or attribute the user said they dislike. A profile keeps up to 256
    /// dislikes apart from its 16 likes, so no number of likes pushes a dislike out; past 256
    /// dislikes the oldest goes, counted in <c>personalize.profiles.dislikes_dropped</c>.
    /// </summary>
    public const string StatedDislike = "stated-dislike";

    /// <summary>An item shown <see cref="GuardrailOptions.FrequencyCap"/> times without engagement rests for the rest of the window.</summary>
    public const string FrequencyCap = "frequency-cap";

    /// <summary>Policy: without personalization consent a user gets the default experience and no profile signal is used.</summary>
    public const string Consent = "consent";

    /// <summary>Policy: affinity for sensitive categories is never used to rank unless the user consented to it.</summary>
    public const string SensitiveCategories = "sensitive-categories";

    /// <summary>The candidate-removing guardrails, in the order they run.</summary>
    public static IReadOnlyList<string> All { get; } = [Availability, RecentlyPurchased, ComplaintSuppression, Dismissed, StatedDislike, FrequencyCap];
}
