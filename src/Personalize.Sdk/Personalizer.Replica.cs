using Personalize.Sdk.Engine;

namespace Personalize.Sdk;

/// <summary>Changes journaled by other servers, applied here as the local calls would, without journaling them again.</summary>
internal sealed partial class Personalizer
{
    void IReplica.ApplyStitch(string anonymousKey, string knownKey)
    {
        lock (_identityGate)
        {
            Stitch(anonymousKey, knownKey);
        }
    }

    // Guarded from when the person was erased where it happened, not from when it arrived here: a
    // snapshot replays it minutes later, and the events journaled between are judged against it.
    void IReplica.ApplyForget(string userKey, DateTimeOffset? erasedAt) =>
        Erase(userKey, (erasedAt ?? _timeProvider.GetUtcNow()).UtcTicks, out _);

    void IReplica.ApplyEvent(string? profileKey, in PersonalizationEvent personalizationEvent)
    {
        if (profileKey is not null && PrecedesErasure(profileKey, personalizationEvent))
        {
            _metrics.ReplicaEventSkipped();
            return;
        }

        _events.Replay(personalizationEvent, anonymously: profileKey is null);
    }

    void IReplica.ApplyRecalled(string profileKey, IReadOnlyList<string> aliases, IReadOnlyList<PersonalizationEvent> events)
    {
        foreach (var personalizationEvent in events)
        {
            if (PrecedesErasure(profileKey, personalizationEvent))
            {
                _metrics.ReplicaEventSkipped();
                continue;
            }

            _events.Recall(personalizationEvent, profileKey);
        }

        if (aliases.Count == 0)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_identityGate)
        {
            foreach (var alias in aliases)
            {
                // An erasure in flight must not be undone by records fetched before it.
                if (_erasures?.Precedes(alias, now) != true && _erasures?.Precedes(profileKey, now) != true)
                {
                    Stitch(alias, profileKey);
                }
            }
        }
    }

    // An event tracked elsewhere before the person was erased must not bring them back.
    private bool PrecedesErasure(string profileKey, in PersonalizationEvent personalizationEvent) =>
        personalizationEvent.Timestamp is { } timestamp && _erasures is not null &&
        (_erasures.Precedes(personalizationEvent.UserKey, timestamp.UtcTicks) || _erasures.Precedes(profileKey, timestamp.UtcTicks));

    void IReplica.ApplyReward(Guid decisionId, string? itemKey, double reward)
    {
        if (DecisionIds.IsOwn(decisionId))
        {
            Learner.Reward(decisionId, itemKey, reward);
        }
    }

    void IReplica.ApplyExposure(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp)
    {
        for (var i = 0; i < _holdouts.Count; i++)
        {
            if (string.Equals(_holdouts.Holdouts[i].Name, holdout, StringComparison.Ordinal))
            {
                _ledger.RecordExposure(i, unitKey, arm, timestamp.UtcTicks);
                return;
            }
        }
    }
}
