namespace Personalize.Sdk.Reporting;

/// <summary>What a person's profile holds, in the catalog's names, as of <see cref="PersonalData.GeneratedAt"/>.</summary>
public sealed class PersonalProfile
{
    /// <summary>How many events were applied to the profile.</summary>
    public int EventCount { get; init; }

    /// <summary>When the first event happened, or null when none did.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When the last event happened, or null when none did.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>When the person last complained, or null.</summary>
    public DateTimeOffset? LastComplaint { get; init; }

    /// <summary>The key holdouts assign the person by (sticky across sign-in), or null while none is set.</summary>
    public string? HoldoutUnit { get; init; }

    /// <summary>Time-decayed interest per category, strongest first.</summary>
    public IReadOnlyList<PersonalAffinity> Categories { get; init; } = [];

    /// <summary>Time-decayed interest per attribute (<c>name=value</c>), strongest first.</summary>
    public IReadOnlyList<PersonalAffinity> Attributes { get; init; } = [];

    /// <summary>What the person said they like or dislike.</summary>
    public IReadOnlyList<PersonalPreference> StatedPreferences { get; init; } = [];

    /// <summary>Items the person engaged with recently, newest first.</summary>
    public IReadOnlyList<PersonalItem> RecentItems { get; init; } = [];

    /// <summary>Items the person bought, newest first.</summary>
    public IReadOnlyList<PersonalItem> Purchases { get; init; } = [];

    /// <summary>Items the person dismissed (<see cref="EventKind.Dismiss"/>), newest first.</summary>
    public IReadOnlyList<PersonalItem> Dismissed { get; init; } = [];

    /// <summary>Items recently shown to the person without engagement (for the frequency cap).</summary>
    public IReadOnlyList<PersonalShowing> Showings { get; init; } = [];
}
