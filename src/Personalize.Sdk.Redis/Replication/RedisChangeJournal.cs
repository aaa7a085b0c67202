using Personalize.Sdk.Engine;
using Personalize.Sdk.Redis.WriteBehind;

namespace Personalize.Sdk.Redis.Replication;

/// <summary>
/// Journals this server's changes into the shared Redis journal through a write-behind buffer:
/// <c>Track</c>, <c>Identify</c> and <c>Forget</c> never wait on the network. A change to a person's
/// profile is also written to the person's own records (<see cref="PersonRecords"/>), so a server
/// that does not hold them can recall them.
/// </summary>
internal sealed class RedisChangeJournal
    : IChangeJournal
{
    private readonly ProfileRecall _recall;
    private readonly RestoreGate _restore;
    private readonly Func<IReplica>? _replica;
    private long _number;

    /// <param name="origin">This server's id in the journal.</param>
    /// <param name="buffer">Where records wait for Redis.</param>
    /// <param name="records">People's records: an erasure that reaches a key only Redis linked to the person comes back here.</param>
    /// <param name="recall">Told of each change to a profile, for recalls in flight.</param>
    /// <param name="restore">Told of each erasure and consent, so the restore of the shared state (and the journal read after it) cannot undo them.</param>
    /// <param name="replica">This server's state, to erase a key only Redis linked to the person here too.</param>
    public RedisChangeJournal(Guid origin, WriteBehindBuffer<JournalRecord> buffer, PersonRecords records, ProfileRecall recall, RestoreGate restore, Func<IReplica>? replica = null)
    {
        Origin = origin;
        Buffer = buffer;
        _recall = recall;
        _restore = restore;
        _replica = replica;
        records.StitchedKeyErased = (key, ticks, owner) =>
        {
            // A key linked to the erased person only in Redis (no server may hold the link any more):
            // erased here, and journaled as an erasure so every server erases it too.
            // Without the state (the host is disposing it), the journaled erasure reaches it at the next start.
            var erasedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            Replica()?.ApplyForget(key, erasedAt, owner);

            // Queued while the erasure that found it is being acknowledged: a graceful stop flushing that one sends this too.
            return Buffer.TryEnqueueFollowUp(new JournalRecord(JournalCodec.Forget(Origin, key, erasedAt, owner), new PersonWrite(PersonWriteKind.Erase, key, ticks, Owners: PersonWrite.OwnedBy(owner))));
        };

        // A key linked to a person who withdrew consent only in Redis, or on another server: its
        // records cleared in Redis, where a recall would bring them back. Its profile in memory, if
        // any, is the person's (the withdrawal reached it) or another's since an eviction unlinked it.
        records.LinkedKeyWithdrawn = (key, ticks, withdrew, owner) =>
            Buffer.TryEnqueueFollowUp(JournalRecord.LinkedWithdrawal(key, ticks, withdrew, owner));
        // The person a key is linked to in Redis, when consent is given with the key, and the keys
        // stitched to them: a withdrawal made with a key on a server that did not know its link was
        // noted on the person and on the key (PersonRecords).
        records.LinkedKeyConsented = (key, ticks, kind, owner) =>
            Buffer.TryEnqueueFollowUp(JournalRecord.LinkedConsent(kind, key, ticks, owner));
        records.ErasureStored = (key, ticks) => Replica()?.ErasureStored(key, new DateTimeOffset(ticks, TimeSpan.Zero));
        records.StitchOverruled = (alias, person) => Replica()?.ApplyStoredLink(alias, person);
    }

    /// <summary>Always: <see cref="PersonRecords.ErasureStored"/> tells this server when Redis stored each key's erasure.</summary>
    public bool ConfirmsErasures => true;

    /// <summary>This server's identity in the journal, new at every start.</summary>
    public Guid Origin { get; }

    /// <summary>The records waiting to be appended.</summary>
    public WriteBehindBuffer<JournalRecord> Buffer { get; }

    public void EventApplied(string? profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp)
    {
        var payload = JournalCodec.Event(Origin, profileKey, personalizationEvent, timestamp);
        if (profileKey is null)
        {
            // Recorded anonymously: nothing about the person is stored.
            Buffer.TryEnqueue(new JournalRecord(payload));
            return;
        }

        var kind = personalizationEvent.Kind != EventKind.Consent ? PersonWriteKind.Event
            : (personalizationEvent.Consent & ConsentFlags.Personalization) != 0 ? PersonWriteKind.ConsentGiven
            : PersonWriteKind.ConsentWithdrawn;

        // Noted before it can reach Redis, so a recall in flight knows the profile has it already.
        var number = Interlocked.Increment(ref _number);
        _recall.NoteLocal(profileKey, number);
        var record = new JournalRecord(payload, new PersonWrite(kind, profileKey, timestamp.UtcTicks, number, Kept: KeptLists.Of(personalizationEvent)));
        if (kind == PersonWriteKind.ConsentWithdrawn)
        {
            // A withdrawal erases the person's behaviour in Redis too: a full buffer must not lose it.
            Queued(profileKey, personalizationEvent, timestamp, Buffer.TryEnqueueEssential(record));
        }
        else
        {
            Queued(profileKey, personalizationEvent, timestamp, Buffer.TryEnqueue(record));
        }
    }

    // A consent queued before the restore is told to it: the journal may hold older ones from other
    // servers that this server reads only after it. One not queued never reaches the journal to be read back.
    private void Queued(string profileKey, in PersonalizationEvent personalizationEvent, DateTimeOffset timestamp, bool queued)
    {
        if (queued && personalizationEvent.Kind == EventKind.Consent)
        {
            _restore.Stated(profileKey, personalizationEvent with { Timestamp = timestamp });
        }
    }

    public void Stitched(string anonymousKey, string knownKey, DateTimeOffset stitchedAt) =>
        Buffer.TryEnqueue(new JournalRecord(
            JournalCodec.Stitch(Origin, anonymousKey, knownKey, stitchedAt),
            new PersonWrite(PersonWriteKind.Stitch, knownKey, stitchedAt.UtcTicks, Alias: anonymousKey)));

    public void Forgotten(string userKey, IReadOnlyList<string> keys, DateTimeOffset erasedAt)
    {
        // Each key but the person's own (the first) is erased as one of theirs: Redis erases it, and
        // follows its own link, only when that link names one of the person's keys, never through a
        // shared device to an account another server stitched it to. Each is journaled with the
        // person it was erased as one of: a server that links it to someone else leaves it with them.
        if (_restore.Erased(keys, erasedAt))
        {
            // Erased while the restore was merging: the merge may have written the person back.
            foreach (var key in keys)
            {
                Replica()?.ApplyForget(key, erasedAt, ErasedKeys.OwnerOf(key, keys));
            }
        }

        // Erasures must not be lost to a full buffer: they take its allowance past the bound.
        // Every key is journaled: a server that let the person go may hold one of them alone (a
        // device that browsed there while its recall was in flight), and erases it as theirs. The
        // person's own key goes first: erased as no one's, it alone reaches every key Redis links to
        // them (a key erased as one of theirs does not follow its own link up), so it is the one
        // the allowance must not leave out, whichever key Forget was called with.
        foreach (var key in keys.Count > 0 ? keys : [userKey])
        {
            Erase(key);
        }

        if (keys.Count > 0 && !keys.Contains(userKey, StringComparer.Ordinal))
        {
            Erase(userKey);
        }

        void Erase(string key) =>
            ConfirmIfDropped(key, erasedAt, Buffer.TryEnqueueEssential(new JournalRecord(JournalCodec.Forget(Origin, key, erasedAt, ErasedKeys.OwnerOf(key, keys)), new PersonWrite(PersonWriteKind.Erase, key, erasedAt.UtcTicks, Owners: ErasedKeys.OwnersOf(key, keys)))));
    }

    // An erasure the buffer refused (its allowance spent, or stopped) will never be stored: the
    // guard's window starts now, or it would hold the erased key in memory until the process ends.
    private void ConfirmIfDropped(string key, DateTimeOffset erasedAt, bool queued)
    {
        if (!queued)
        {
            Replica()?.ErasureStored(key, erasedAt);
        }
    }

    /// <summary>This server's state, or null once the host has disposed its container (a call racing the host's end).</summary>
    private IReplica? Replica()
    {
        try
        {
            return _replica?.Invoke();
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    public void Exposed(string holdout, string unitKey, HoldoutArm arm, DateTimeOffset timestamp) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Exposure(Origin, holdout, unitKey, arm, timestamp)));

    public bool Rewarded(Guid decisionId, string? itemKey, double reward) =>
        Buffer.TryEnqueue(new JournalRecord(JournalCodec.Reward(Origin, decisionId, itemKey, reward)));
}
