using Personalize.Sdk.Engine;

namespace Personalize.Sdk.Tests.TestSupport;

/// <summary>
/// A journal that keeps what one server changed, in order, until a test delivers it to the other
/// servers' replicas: two personalizers in one process emulate two servers sharing state.
/// </summary>
internal sealed class LoopbackJournal : IChangeJournal
{
    private readonly List<Action<IReplica>> _entries = [];

    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp)
    {
        var replayed = personalizationEvent with { Timestamp = timestamp };
        Add(replica => replica.ApplyEvent(profileKey, replayed));
    }

    public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt) => Add(replica => replica.ApplyStitch(anonymousKey, knownKey, stitchedAt));

    public bool ConfirmsErasures => false;

    public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt) => Add(replica => replica.ApplyForget(userKey, erasedAt));

    public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) =>
        Add(replica => replica.ApplyExposure(holdout, unitKey, arm, timestamp));

    public bool Rewarded(Guid decisionId, string? itemKey, double reward)
    {
        Add(replica => replica.ApplyReward(decisionId, itemKey, reward));
        return true;
    }

    /// <summary>Applies everything journaled so far to <paramref name="replica"/>, and forgets it.</summary>
    public void DeliverTo(IPersonalizer replica)
    {
        Action<IReplica>[] entries;
        lock (_entries)
        {
            entries = [.. _entries];
            _entries.Clear();
        }

        foreach (var entry in entries)
        {
            entry((IReplica)replica);
        }
    }

    private void Add(Action<IReplica> entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}
