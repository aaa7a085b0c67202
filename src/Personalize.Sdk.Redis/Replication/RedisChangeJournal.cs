using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Journals this server's changes into the shared Redis journal through a write-behind buffer:
/// <c>Track</c>, <c>Identify</c> and <c>Forget</c> never wait on the network.
/// </summary>
internal sealed class RedisChangeJournal(Guid origin, WriteBehindBuffer<JournalRecord> buffer) : IChangeJournal
{
    /// <summary>This server's identity in the journal, new at every start.</summary>
    public Guid Origin { get; } = origin;

    /// <summary>The records waiting to be appended.</summary>
    public WriteBehindBuffer<JournalRecord> Buffer { get; } = buffer;

    public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Event(Origin, profileKey, personalizationEvent, timestamp)));

    public void Stitched(string anonymousKey, string knownKey) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Stitch(Origin, anonymousKey, knownKey)));

    public void Forgotten(string userKey, DateTimeOffset erasedAt) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Forget(Origin, userKey, erasedAt)));

    public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Exposure(Origin, holdout, unitKey, arm, timestamp)));

    public void Rewarded(Guid decisionId, string? itemKey, double reward) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Reward(Origin, decisionId, itemKey, reward)));
}
