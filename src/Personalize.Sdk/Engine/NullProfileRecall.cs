namespace Personalize.Sdk.Engine;

/// <summary>The default recall: one server, nothing held elsewhere.</summary>
internal sealed class NullProfileRecall : IProfileRecall
{
    public static readonly NullProfileRecall Instance = new();

    private NullProfileRecall()
    {
    }

    public void Missing(string profileKey, bool linked = false)
    {
    }

    public void Released(string profileKey)
    {
    }

    public Task RecallAsync(string profileKey, bool missing, CancellationToken cancellationToken) => Task.CompletedTask;
}
