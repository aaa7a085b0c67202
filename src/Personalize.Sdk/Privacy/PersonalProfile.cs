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
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalAffinity> Categories { get; init => field = value ?? throw new ArgumentNullException(nameof(Categories)); } = [];

    /// <summary>Time-decayed interest per attribute (<c>name=value</c>), strongest first.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalAffinity> Attributes { get; init => field = value ?? throw new ArgumentNullException(nameof(Attributes)); } = [];

    /// <summary>What the person said they like or dislike.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalPreference> StatedPreferences { get; init => field = value ?? throw new ArgumentNullException(nameof(StatedPreferences)); } = [];

    /// <summary>Items the person engaged with recently, newest first.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalItem> RecentItems { get; init => field = value ?? throw new ArgumentNullException(nameof(RecentItems)); } = [];

    /// <summary>Items the person bought, newest first.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalItem> Purchases { get; init => field = value ?? throw new ArgumentNullException(nameof(Purchases)); } = [];

    /// <summary>Items the person dismissed (<see cref="EventKind.Dismiss"/>), newest first.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalItem> Dismissed { get; init => field = value ?? throw new ArgumentNullException(nameof(Dismissed)); } = [];

    /// <summary>Items recently shown to the person without engagement (for the frequency cap).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public IReadOnlyList<PersonalShowing> Showings { get; init => field = value ?? throw new ArgumentNullException(nameof(Showings)); } = [];
}
