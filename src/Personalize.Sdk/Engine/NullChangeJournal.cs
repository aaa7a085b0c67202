namespace Personalize.Sdk.Engine;

/// <summary>The default journal: one server, nothing to share.</summary>
internal sealed class NullChangeJournal : IChangeJournal
{
    public static readonly NullChangeJournal Instance = new();

    private NullChangeJournal()
    {
    }

    public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp)
    {
    }

    public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt)
    {
    }

    public bool ConfirmsErasures => false;

    public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt)
    {
    }

    public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
    {
    }

    public bool Rewarded(Guid decisionId, string? itemKey, double reward) => false;
}
