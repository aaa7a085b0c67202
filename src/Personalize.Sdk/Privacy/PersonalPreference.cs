namespace Personalize.Sdk.Reporting;

/// <summary>Something a person said they like or dislike.</summary>
public sealed class PersonalPreference
{
    /// <summary>Whether it is about a category or an attribute.</summary>
    public PreferenceTarget Target { get; init; }

    /// <summary>The category, or the attribute as <c>name=value</c>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public required string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(Name)); }

    /// <summary>True for a like, false for a dislike.</summary>
    public bool Likes { get; init; }

    /// <summary>When they said it.</summary>
    public DateTimeOffset At { get; init; }
}
