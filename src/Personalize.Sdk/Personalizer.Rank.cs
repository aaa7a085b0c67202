using System.Buffers;
using Personalize.Sdk.Engine;

namespace Personalize.Sdk;

internal sealed partial class Personalizer
{
    public Decision Rank(in PersonalizationRequest request)
    {
        ThrowIfInvalid(request);
        var settings = _decisions.CurrentSettings;
        var count = _decisions.CountFor(request, settings);

        // Decided into a rented buffer and copied out at its length: a decision that shows fewer
        // items than Count (few candidates, guardrails, a fallback) allocates only those.
        var buffer = ArrayPool<RankedItem>.Shared.Rent(count);
        try
        {
            var written = _decisions.Decide(request, settings, buffer.AsSpan(0, count), request.Explain, out var info, out var explanation);
            return Decision.Create(info, buffer.AsSpan(0, written).ToArray(), explanation);
        }
        finally
        {
            buffer.AsSpan(0, count).Clear();
            ArrayPool<RankedItem>.Shared.Return(buffer);
        }
    }

    public int Rank(in PersonalizationRequest request, Span<RankedItem> destination, out DecisionInfo info)
    {
        ThrowIfInvalid(request);
        return _decisions.Decide(request, destination, explain: false, out info, out _);
    }

    // An event dated before an erasure of its user is refused by the pipeline, once it has read the erasure log.
    public void Track(in PersonalizationEvent personalizationEvent) => _events.Track(personalizationEvent);

    public bool Reward(Guid decisionId, double reward)
    {
        ThrowIfInvalidReward(reward);
        return RewardHereOrThere(decisionId, null, reward);
    }

    public bool Reward(Guid decisionId, string itemKey, double reward)
    {
        WellFormedText.ThrowIfInvalidName(itemKey);
        ThrowIfInvalidReward(reward);
        return RewardHereOrThere(decisionId, itemKey, reward);
    }

    /// <summary>Credits the reward here, or, for another server's decision when state is shared, passes it on to that server.</summary>
    private bool RewardHereOrThere(Guid decisionId, string? itemKey, double reward)
    {
        if (_journal is NullChangeJournal || Learner.Ids.IsOwn(decisionId))
        {
            return Learner.Reward(decisionId, itemKey, reward);
        }

        // No server makes an id of another layout: unknown everywhere, so not written for every server to read.
        if (!DecisionIds.IsWellFormed(decisionId))
        {
            _metrics.LearningRewardUnmatched();
            return false;
        }

        // Dropped by a full buffer (counted and logged there), it reaches no server: not acknowledged.
        return _journal.Rewarded(decisionId, itemKey, reward);
    }

    private static void ThrowIfInvalidReward(double reward, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(reward))] string? paramName = null)
    {
        if (!(reward is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, reward, "A reward must be from 0 to 1.");
        }
    }

    private static void ThrowIfInvalid(in PersonalizationRequest request)
    {
        if (string.IsNullOrEmpty(request.UserKey))
        {
            throw new ArgumentException("The request needs a user key: create it with new PersonalizationRequest(userKey).", nameof(request));
        }
    }
}
