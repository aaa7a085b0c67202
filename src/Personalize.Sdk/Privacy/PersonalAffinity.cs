namespace Personalize.Sdk.Reporting;

/// <summary>A person's time-decayed interest in a category or an attribute.</summary>
public sealed class PersonalAffinity
{
    /// <summary>The category, or the attribute as <c>name=value</c>.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public required string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(Name)); }

    /// <summary>The interest at the time of reading: 0 is none, growing with engagement.</summary>
    public double Value { get; init; }
}
